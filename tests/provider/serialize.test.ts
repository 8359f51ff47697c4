import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { isInstalled, scriptOrderProvider } from "../../provider/provider";
import { order, useEmulator } from "../helpers/emulator";

const REQUIRE_FROM_STRING = require.resolve("require-from-string", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] });

// Loads the text the way Pulumi's dynamic-provider host does (require-from-string, `.handler()`,
// `configure`, then `read`), in a fresh process whose working directory knows nothing of this repo.
const DRIVER = `
const requireFromString = require(${JSON.stringify(REQUIRE_FROM_STRING)});
const fs = require("fs");
(async () => {
  const provider = requireFromString(fs.readFileSync(process.argv[1], "utf8")).handler();
  const values = JSON.parse(process.argv[2]);
  await provider.configure({ config: { get: (k) => values[k], require: (k) => values[k] } });
  const r = await provider.read(process.argv[3], { executeUuid: process.argv[3] });
  process.stdout.write(JSON.stringify(r));
})().catch((e) => { process.stderr.write(String(e.message)); process.exitCode = 1; });
`;

describe("the serialized ScriptOrder provider", () => {
  const emu = useEmulator([order("SCTSERIAL0001", { lifecycle: { status: "FINISHED" } })]);
  let text = "";
  before(async () => {
    // The provider exactly as `pulumi.dynamic.Resource` stores it in `__provider`.
    text = (await pulumi.runtime.serializeFunction(() => scriptOrderProvider, { allowSecrets: true })).text;
  });

  it("captures no credentials, client or SDK code: only the provider module to require", () => {
    assert.doesNotMatch(text, /secretKey\s*[:=]\s*["']|createHmac|node-fetch|io-ts/);
    // Inside this repository that is the file; installed, a `require` of the package's module
    // (tests/e2e/packed.test.ts checks that end to end: its state names no folder at all).
    assert.ok(text.includes(JSON.stringify(require.resolve("../../provider/dynamic"))));
  });

  it("tells an installed copy of the package from any other", () => {
    assert.equal(isInstalled("/srv/app/node_modules/pulumi-huaweicloud-coc/dist/provider/dynamic.js"), true);
    assert.equal(isInstalled("C:\\app\\node_modules\\pulumi-huaweicloud-coc\\dist\\provider\\dynamic.js"), true);
    assert.equal(isInstalled("/home/me/pulumi-huaweicloud-coc/dist/provider/dynamic.js"), false);
  });

  it("reads an order from the emulator when loaded in a fresh Node process", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "coc-provider-"));
    const file = path.join(dir, "provider.js");
    writeFileSync(file, text);
    const config = {
      "huaweicloud-coc:endpoint": emu.current.url,
      "huaweicloud-coc:accessKey": emu.current.credentials.accessKey,
      "huaweicloud-coc:secretKey": emu.current.credentials.secretKey,
    };
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["-e", DRIVER, file, JSON.stringify(config), "SCTSERIAL0001"], { cwd: dir, env: { PATH: process.env.PATH } }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const result = JSON.parse(out) as { id: string; props: { status: string; phase: string } };
    assert.equal(result.id, "SCTSERIAL0001");
    assert.equal(result.props.status, "FINISHED");
    assert.equal(result.props.phase, "succeeded");
    assert.ok(emu.current.requests().some((r) => r.path.endsWith("SCTSERIAL0001") && r.status === 200));
  });
});

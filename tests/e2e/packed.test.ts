/**
 * The package as users get it: `npm pack`, installed from the tarball into a fresh TypeScript Pulumi
 * project outside this repository (the shape `pulumi new typescript` makes), run by the real engine
 * against the emulator. Nothing here imports the repository's sources.
 */
import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { DEFAULT_FIXTURES, loadFixtureFile, startEmulator } from "../../emulator";
import type { PulumiRun } from "../../scripts/engine";
import { ensureEngine, policyPackPath, REPO_ROOT } from "../../scripts/engine";
import type { UserProject } from "../../scripts/user-project";
import { pack, userProject } from "../../scripts/user-project";
import { allFiles } from "../helpers/files";
import { ENGINE_BUILD_TIMEOUT_MS } from "../helpers/pulumi";

const ROTATE = "SCT20261127DEMOROTATE001"; // FINISHED, script_version_uuid 1700000000000000003 (past 2^53)
const PATCH = "SCT20261127DEMOPATCH0001"; // ABNORMAL

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ScriptOrder } from "pulumi-huaweicloud-coc";

const config = new pulumi.Config();
const order = new ScriptOrder("order", {
  executeUuid: config.require("order"),
  requireStatus: config.getObject<string[]>("requireStatus"),
});

export const status = order.status;
export const phase = order.phase;
export const scriptVersionUuid = order.scriptVersionUuid;
`;


describe("the packed package installed in a fresh project outside the repository", function () {
  this.timeout(300_000);
  let emu: Emulator;
  let user: UserProject;
  let project: string;
  let work: string;
  const pulumi = (args: readonly string[]): Promise<PulumiRun> => user.run(args);
  const text = (r: PulumiRun) => (r.stdout + r.stderr).replace(/\r/g, "");
  const must = (args: readonly string[]) => user.must(args);
  const stack = (name: string, config: Record<string, string>) => user.stack(name, emu, config);

  before(async function () {
    this.timeout(ENGINE_BUILD_TIMEOUT_MS);
    ensureEngine();
    emu = await startEmulator({ orders: loadFixtureFile(DEFAULT_FIXTURES) });
    const dist = mkdtempSync(path.join(os.tmpdir(), "coc-tarball-"));
    user = userProject("orders-release", PROGRAM, pack(REPO_ROOT, dist));
    rmSync(dist, { recursive: true, force: true });
    ({ work, dir: project } = user);
  });

  after(async () => {
    await emu?.stop();
    user?.remove();
  });

  it("installs one @pulumi/pulumi, and the package without tests, benchmarks or scripts", () => {
    const installed = path.join(project, "node_modules", "pulumi-huaweicloud-coc");
    const files = allFiles(installed).map((f) => path.relative(installed, f));
    assert.ok(!files.some((f) => /^dist\/(tests|bench|scripts|demo|examples)\//.test(f)), files.join("\n"));
    assert.deepEqual(allFiles(path.join(project, "node_modules")).filter((f) => f.endsWith(path.join("@pulumi", "pulumi", "package.json"))), [path.join(project, "node_modules", "@pulumi", "pulumi", "package.json")]);
  });

  it("preview shows a FINISHED order's status as a known value, quietly", async () => {
    await stack("finished", { "orders-release:order": ROTATE });
    const r = await must(["preview"]);
    assert.match(text(r), /status\s*:\s*"FINISHED"/);
    assert.match(text(r), /scriptVersionUuid\s*:\s*"1700000000000000003"/);
    assert.doesNotMatch(text(r), /from \$PATH|could not find latest version/);
  });

  it("up with requireStatus FINISHED on an ABNORMAL order fails with one line", async () => {
    await stack("abnormal", { "orders-release:order": PATCH, "orders-release:requireStatus": '["FINISHED"]' });
    const r = await pulumi(["up", "--yes", "--skip-preview"]);
    assert.notEqual(r.code, 0);
    const message = new RegExp(`script order ${PATCH} is ABNORMAL; required FINISHED \\(script patch-kernel v2, finished \\S+Z, request id [0-9a-f]{32}\\)`);
    // The engine's summary names each error once: under the resource, not echoed under the stack.
    const diagnostics = text(r).slice(text(r).indexOf("Diagnostics:"));
    assert.equal(diagnostics.split("\n").filter((l) => message.test(l)).length, 1, diagnostics);
    assert.doesNotMatch(text(r), new RegExp(`${PATCH} is ABNORMAL[^\\n]*\\): *$`, "m"), "no echo of the message with an empty stack");
  });

  it("up of a FINISHED order keeps nothing of the repository in state", async () => {
    await stack("up", { "orders-release:order": ROTATE });
    await must(["up", "--yes", "--skip-preview"]);
    const exported = (await must(["stack", "export"])).stdout;
    assert.match(exported, /"status": "FINISHED"/);
    assert.ok(!exported.includes(REPO_ROOT), "the state names the repository's folder");
    assert.ok(!exported.includes(work), "the state names the project's folder");
    assert.match(exported, /require\(\\"pulumi-huaweicloud-coc\/provider\/dynamic\\"\)/);
  });

  it("loads the policy pack from node_modules/pulumi-huaweicloud-coc/policies and blocks an ABNORMAL order", async () => {
    const pack = policyPackPath(path.join(project, "node_modules", "pulumi-huaweicloud-coc", "policies"));
    await stack("policy", { "orders-release:order": PATCH });
    const blocked = await pulumi(["preview", "--policy-pack", pack]);
    assert.notEqual(blocked.code, 0);
    assert.match(text(blocked), /\[mandatory\]\s+script-order-succeeded/);
    assert.match(text(blocked), new RegExp(`order ${PATCH}\\) is ABNORMAL`));
    await stack("policy-ok", { "orders-release:order": ROTATE });
    const passed = await pulumi(["preview", "--policy-pack", pack]);
    assert.equal(passed.code, 0, text(passed));
    // The pack ran: its name is in the output even when nothing is violated.
    assert.match(text(passed), /Policies:\s*\n\s*✅ coc-script-orders@v0\.1\.0/);
  });
});

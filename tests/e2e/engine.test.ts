/**
 * The data source with the real Pulumi engine (CLI, Node.js language host, dynamic-provider plugin)
 * against the emulator over HTTP: no mocks between the program and the emulator.
 */
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import type { Project } from "../helpers/pulumi";
import { allFiles } from "../helpers/files";
import { ENGINE_BUILD_TIMEOUT_MS, makeProject } from "../helpers/pulumi";
import { order } from "../helpers/emulator";

const PROGRAM = path.join(__dirname, "program", "index.js");
const PARAM_SECRET = "e2e-param-secret-value-4242";
const TOKEN = "e2e-security-token-value-77";


describe("ScriptOrder with the real Pulumi engine", function () {
  this.timeout(180_000);
  let emu: Emulator;
  let project: Project;

  before(async function () {
    this.timeout(ENGINE_BUILD_TIMEOUT_MS);
    emu = await startEmulator({
      orders: [
        order("SCTE2EFINISHED01", { script_name: "rotate-logs", execute_param: { script_params: [{ param_name: "DB_PASSWORD", param_value: PARAM_SECRET }] } }),
        order("SCTE2EMOVING0001", { lifecycle: { timeline: [{ at_ms: 0, status: "READY" }, { at_ms: 2_000, status: "PROCESSING" }, { at_ms: 5_000, status: "FINISHED" }] } }),
        order("SCTE2EABNORMAL01", { script_name: "migrate-db", script_version_name: "v7", lifecycle: { status: "ABNORMAL" } }),
        order("SCTE2ESTUCK00001", { lifecycle: { status: "PROCESSING" } }),
        order("SCTE2EREFRESH001", { lifecycle: { status: "PROCESSING" } }),
      ],
    });
    project = makeProject("coc-e2e", { programFile: PROGRAM });
  });

  after(async () => {
    await emu?.stop();
  });

  const credentials = () => ({ "huaweicloud-coc:endpoint": emu.url, "huaweicloud-coc:accessKey": emu.credentials.accessKey });
  const secretKey = () => ({ "huaweicloud-coc:secretKey": emu.credentials.secretKey });
  const orders = (specs: object[]) => ({ "e2e:orders": JSON.stringify(specs) });
  const output = (text: string) => text.replace(/\r/g, "");

  it("1. preview of a stack reading a FINISHED order shows its status as a known value", async () => {
    await project.stack("preview", { ...credentials(), ...orders([{ name: "done", executeUuid: "SCTE2EFINISHED01" }]) }, secretKey());
    emu.clearRequests();
    const r = await project.run(["preview"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(output(r.stdout), /statuses\s*:\s*{\s*done\s*:\s*"FINISHED"\s*}/);
    assert.match(output(r.stdout), /phases\s*:\s*{\s*done\s*:\s*"succeeded"\s*}/);
    // The engine found its bundled Node.js plugins beside itself: no PATH warning, no download attempt.
    assert.doesNotMatch(r.stdout + r.stderr, /from \$PATH|could not find latest version/);
    assert.ok(emu.requests().some((q) => q.path.endsWith("/SCTE2EFINISHED01") && q.status === 200), "the preview read the order");
  });

  it("2. up waits while the order moves READY -> PROCESSING -> FINISHED, then creates the dependent resource", async () => {
    await project.stack(
      "wait",
      { ...credentials(), ...orders([{ name: "migration", executeUuid: "SCTE2EMOVING0001", wait: { intervalSeconds: 1, timeoutSeconds: 60 }, requireStatus: ["FINISHED"] }]), "e2e:dependent": "true" },
      secretKey(),
    );
    const r = await project.run(["up", "--yes", "--skip-preview"]);
    const out = output(r.stdout);
    assert.equal(r.code, 0, out + r.stderr);
    const progress = ["READY", "PROCESSING", "FINISHED"].map((s) => out.indexOf(`script order SCTE2EMOVING0001: ${s} after`));
    assert.ok(progress.every((i) => i >= 0) && progress[0] < progress[1] && progress[1] < progress[2], `progress in order:\n${out}`);
    const outputs = JSON.parse((await project.run(["stack", "output", "--json"])).stdout);
    assert.equal(outputs.statuses.migration, "FINISHED");
    assert.ok(Date.parse(outputs.dependentReleasedAt) >= Date.parse(outputs.finishedAt.migration), `created after the order finished: ${JSON.stringify(outputs)}`);
  });

  it("3. an ABNORMAL order under requireStatus FINISHED fails up with one line, and the dependent is not created", async () => {
    await project.stack(
      "gate",
      { ...credentials(), ...orders([{ name: "migration", executeUuid: "SCTE2EABNORMAL01", requireStatus: ["FINISHED"] }]), "e2e:dependent": "true" },
      secretKey(),
    );
    const r = await project.run(["up", "--yes", "--skip-preview"]);
    const all = output(r.stdout + r.stderr);
    assert.notEqual(r.code, 0);
    const line = /script order SCTE2EABNORMAL01 is ABNORMAL; required FINISHED \(script migrate-db v7, finished \S+Z, request id [0-9a-f]{32}\)/;
    assert.match(all, line);
    // The engine's summary names the error once, under the resource; the provider's stderr adds no
    // second copy (the dynamic-provider host echoes errors as `${e}: ${e.stack}`).
    const diagnostics = all.slice(all.indexOf("Diagnostics:"));
    assert.equal(diagnostics.split("\n").filter((l) => line.test(l)).length, 1, diagnostics);
    const state = JSON.parse((await project.run(["stack", "export"])).stdout);
    const types: string[] = (state.deployment.resources ?? []).map((res: { type: string }) => res.type);
    assert.ok(!types.some((t) => t.endsWith(":Release")), `no Release in ${types.join(", ")}`);
  });

  it("4. a wait that times out fails with a clear message, within its timeout plus a small margin", async () => {
    await project.stack("timeout", { ...credentials(), ...orders([{ name: "stuck", executeUuid: "SCTE2ESTUCK00001", wait: { timeoutSeconds: 4, intervalSeconds: 1 } }]) }, secretKey());
    const r = await project.run(["up", "--yes", "--skip-preview"]);
    assert.notEqual(r.code, 0);
    assert.match(output(r.stdout + r.stderr), /script order SCTE2ESTUCK00001 is still PROCESSING after waiting 4s \(request id [0-9a-f]{32}\)/);
    // The engine itself takes a few seconds to start the program and the provider.
    assert.ok(r.ms < 4_000 + 20_000, `up took ${r.ms} ms`);
  });

  it("5. refresh picks up a status change; destroy succeeds and sends no write to the emulator", async () => {
    await project.stack("refresh", { ...credentials(), ...orders([{ name: "order", executeUuid: "SCTE2EREFRESH001" }]) }, secretKey());
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.equal(JSON.parse((await project.run(["stack", "output", "--json"])).stdout).statuses.order, "PROCESSING");
    emu.addOrders([order("SCTE2EREFRESH001", { lifecycle: { status: "FINISHED" } })]);
    const refresh = await project.run(["refresh", "--yes"]);
    assert.equal(refresh.code, 0, refresh.stdout + refresh.stderr);
    const state = JSON.parse((await project.run(["stack", "export"])).stdout);
    const res = state.deployment.resources.find((x: { type: string }) => x.type.endsWith(":ScriptOrder"));
    assert.equal(res.outputs.status, "FINISHED");
    emu.clearRequests();
    const destroy = await project.run(["destroy", "--yes"]);
    assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
    assert.deepEqual(emu.requests().filter((q) => q.method !== "GET"), []);
  });

  it("6. the exported state holds neither the secret key, the token nor a parameter value in plaintext", async () => {
    await project.stack(
      "secrets",
      { ...credentials(), ...orders([{ name: "done", executeUuid: "SCTE2EFINISHED01" }]) },
      { ...secretKey(), "huaweicloud-coc:securityToken": TOKEN },
    );
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.ok(emu.requests().some((q) => q.signedHeaders?.includes("x-security-token")), "the token was used");
    const exported = (await project.run(["stack", "export"])).stdout;
    assert.match(exported, /"scriptParams"/);
    for (const secret of [emu.credentials.secretKey, TOKEN, PARAM_SECRET]) {
      assert.ok(!exported.includes(secret), `export contains ${secret}`);
      for (const file of allFiles(project.dir)) assert.ok(!readFileSync(file, "utf8").includes(secret), `${file} contains ${secret}`);
    }
    // And the value is there, encrypted: the owner can still read it.
    const shown = (await project.run(["stack", "export", "--show-secrets"])).stdout;
    assert.ok(shown.includes(PARAM_SECRET));
  });

  it("7. bad credentials produce a one-line auth error naming the request id", async () => {
    await project.stack("badcreds", { ...credentials(), ...orders([{ name: "done", executeUuid: "SCTE2EFINISHED01" }]) }, { "huaweicloud-coc:secretKey": "not-the-right-secret-key" });
    const r = await project.run(["up", "--yes", "--skip-preview"]);
    const all = output(r.stdout + r.stderr);
    assert.notEqual(r.code, 0);
    assert.match(all, /script order SCTE2EFINISHED01: authentication or permission denied \(HTTP 401, APIG\.0301: [^\n]*request id [0-9a-f]{32}\)/);
    assert.ok(!all.includes("not-the-right-secret-key"));
  });
});

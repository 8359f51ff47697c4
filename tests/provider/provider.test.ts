import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { scriptOrderProvider } from "../../provider/provider";
import { clientFrom } from "../../provider/runtime";
import { order, useEmulator } from "../helpers/emulator";

const configOf = (values: Record<string, string>): pulumi.dynamic.ConfigureRequest => ({
  config: { get: (k: string) => values[k], require: (k: string) => values[k] ?? "" },
});

describe("ScriptOrder provider methods against the emulator", () => {
  const emu = useEmulator([
    order("SCTPROV0001", { execute_param: { script_params: [{ param_name: "PW", param_value: "prov-secret" }] }, finished_ago_ms: 60_000 }),
    order("SCTPROV0002", { lifecycle: { status: "ABNORMAL" }, script_name: "rotate-logs", script_version_name: "v3" }),
    order("SCTPROV0003", { lifecycle: { per_read: ["READY", "PROCESSING", "FINISHED"] } }),
    order("SCTPROV0004", { lifecycle: { status: "PROCESSING" } }),
    order("SCTPROV0005", { lifecycle: { per_read: ["PROCESSING", "PROCESSING", "FINISHED"] }, script_version_uuid: "9223372036854775807" }),
  ]);
  const p = scriptOrderProvider as Required<pulumi.dynamic.ResourceProvider>;
  const configure = (extra: Record<string, string> = {}) =>
    p.configure(
      configOf({
        "huaweicloud-coc:endpoint": emu.current.url,
        "huaweicloud-coc:accessKey": emu.current.credentials.accessKey,
        "huaweicloud-coc:secretKey": emu.current.credentials.secretKey,
        ...extra,
      }),
    );
  const lines: string[] = [];
  const originalError = console.error;
  beforeEach(() => {
    lines.length = 0;
    console.error = (line: string) => lines.push(line);
  });
  afterEach(() => {
    console.error = originalError;
  });

  it("reads an order into the normalized model plus checkedAt", async () => {
    await configure();
    const r = await p.read("SCTPROV0001", { executeUuid: "SCTPROV0001" });
    assert.equal(r.id, "SCTPROV0001");
    assert.equal(r.props?.status, "FINISHED");
    assert.equal(r.props?.phase, "succeeded");
    assert.deepEqual(r.props?.scriptParams, [{ name: "PW", value: "prov-secret", order: null }]);
    assert.ok(!Number.isNaN(Date.parse(r.props?.checkedAt)));
  });

  it("waits during up, logging each status change", async () => {
    await configure();
    const r = await p.read("SCTPROV0003", { executeUuid: "SCTPROV0003", wait: { intervalSeconds: 1 }, __preview: false });
    assert.equal(r.props?.status, "FINISHED");
    assert.deepEqual(lines.slice(1).map((l) => l.replace(/ after \d+s$/, "")), ["script order SCTPROV0003: READY", "script order SCTPROV0003: PROCESSING", "script order SCTPROV0003: FINISHED"]);
  });

  it("does not wait during preview unless asked", async () => {
    await configure();
    const started = Date.now();
    const r = await p.read("SCTPROV0004", { executeUuid: "SCTPROV0004", wait: { timeoutSeconds: 30 }, requireStatus: ["FINISHED"], __preview: true });
    assert.equal(r.props?.status, "PROCESSING");
    assert.ok(Date.now() - started < 2_000);
    assert.match(lines.join("\n"), /FINISHED is required when `up` runs/);
  });

  it("waits during preview when wait.inPreview is set, and keeps a 64-bit script version exact", async () => {
    await configure();
    const r = await p.read("SCTPROV0005", { executeUuid: "SCTPROV0005", wait: { intervalSeconds: 1, inPreview: true }, requireStatus: ["FINISHED"], __preview: true });
    assert.equal(r.props?.status, "FINISHED");
    assert.equal(emu.current.requests().filter((q) => q.path.endsWith("SCTPROV0005")).length, 3);
    assert.equal(r.props?.scriptVersionUuid, "9223372036854775807");
  });

  it("fails the gate with one line naming order, status, script, finish time and request id", async () => {
    await configure();
    await assert.rejects(p.read("SCTPROV0002", { executeUuid: "SCTPROV0002", requireStatus: ["FINISHED"] }), (e: Error) => {
      assert.match(e.message, /^script order SCTPROV0002 is ABNORMAL; required FINISHED \(script rotate-logs v3, finished \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, request id [0-9a-f]{32}\)$/);
      assert.equal(String(e), e.message);
      assert.equal(e.stack, "");
      return true;
    });
  });

  it("fails a settled order in preview too", async () => {
    await configure();
    await assert.rejects(p.read("SCTPROV0002", { executeUuid: "SCTPROV0002", requireStatus: ["FINISHED"], __preview: true }), /is ABNORMAL; required FINISHED/);
  });

  it("never fails on a status without requireStatus", async () => {
    await configure();
    assert.equal((await p.read("SCTPROV0002", { executeUuid: "SCTPROV0002" })).props?.status, "ABNORMAL");
  });

  it("fails a wait at its timeout with a clear message", async () => {
    await configure();
    await assert.rejects(p.read("SCTPROV0004", { executeUuid: "SCTPROV0004", wait: { timeoutSeconds: 2, intervalSeconds: 1 } }), /script order SCTPROV0004 is still PROCESSING after waiting 2s/);
  });

  it("reports check failures naming the property, and read refuses them before any request", async () => {
    const r = await p.check({}, { executeUuid: "not a uuid!", requireStatus: ["DONE"], wait: { timeoutSeconds: 0, until: ["FINISHED"] } });
    assert.deepEqual(r.failures?.map((f) => f.property), ["executeUuid", "requireStatus", "wait.timeoutSeconds"]);
    assert.deepEqual((await p.check({}, { executeUuid: "SCT1", requireStatus: ["LATER_STATUS"], allowNewStatuses: true })).failures, []);
    await configure();
    const before = emu.current.requests().length;
    await assert.rejects(p.read("SCTPROV0001", { executeUuid: "SCTPROV0001", wait: { intervalSeconds: 10, timeoutSeconds: 5 } }), /wait\.intervalSeconds must not be longer/);
    assert.equal(emu.current.requests().length, before);
  });

  it("prefers stack config over the environment", async () => {
    const saved = { ...process.env };
    try {
      process.env.HUAWEICLOUD_SDK_AK = "ENVKEY";
      process.env.HUAWEICLOUD_SDK_SK = "env-secret-wrong";
      await configure();
      const r = await p.read("SCTPROV0001", { executeUuid: "SCTPROV0001" });
      assert.equal(r.props?.status, "FINISHED");
      assert.equal(emu.current.requests().at(-1)?.accessKey, emu.current.credentials.accessKey);
      // Without config the environment is used, and here it is wrong.
      await p.configure(configOf({ "huaweicloud-coc:endpoint": emu.current.url }));
      await assert.rejects(p.read("SCTPROV0001", { executeUuid: "SCTPROV0001" }), /authentication or permission denied \(HTTP 401/);
    } finally {
      process.env = saved;
    }
  });

  it("makes one client per configuration in a process, sharing one request budget", () => {
    const settings = { endpoint: emu.current.url, accessKey: "AK1", secretKey: "SK1" };
    const a = clientFrom(settings, {});
    assert.equal(clientFrom({ ...settings }, {}), a, "the same settings give the same client");
    const b = clientFrom({ ...settings, accessKey: "AK2" }, {});
    assert.notEqual(b, a);
    assert.ok(a.context.budget !== undefined && a.context.budget === b.context.budget);
    assert.deepEqual(a.context.budget.limits, { maxConcurrent: 8, perSecond: 10 });
  });

  it("refuses to create and forgets on delete", async () => {
    await assert.rejects(p.create({}), /never creates/);
    await p.delete("SCTPROV0001", {});
    assert.ok(!emu.current.requests().some((r) => r.method !== "GET"));
  });
});

import * as assert from "node:assert/strict";
import { runCli, startCli } from "../helpers/cli";
import { order, useEmulator } from "../helpers/emulator";

describe("coc-script-order CLI (subprocess)", () => {
  const emu = useEmulator([
    order("SCTCLI0001", {
      creator: "ops",
      script_version_uuid: "9007199254740993123",
      execute_param: { execute_user: "root", timeout: 300, script_params: [{ param_name: "PASSWORD", param_value: "cli-param-secret", param_order: 1 }] },
    }),
    order("SCTCLI0002", { lifecycle: { status: "ABNORMAL" } }),
    order("SCTCLI0003", { lifecycle: { per_read: ["READY", "PROCESSING", "FINISHED"] } }),
    order("SCTCLI0004", { lifecycle: { status: "PROCESSING" } }),
    order("SCTCLI0005", { faults: [{ kind: "throttle", retry_after: "0", times: 50 }] }),
    order("SCTCLI0006", { faults: [{ kind: "malformed" }] }),
    order("SCTCLI0007", { lifecycle: { status: "PAUSED" } }),
  ]);

  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, {
      HUAWEICLOUD_SDK_AK: emu.current.credentials.accessKey,
      HUAWEICLOUD_SDK_SK: emu.current.credentials.secretKey,
      HUAWEICLOUD_SDK_REGION_COC_CN_NORTH_4: emu.current.url,
      ...env,
    });

  it("get --output json prints the normalized model with parameter values hidden", async () => {
    const r = await cli(["get", "SCTCLI0001", "--output", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    assert.equal(o.executeUuid, "SCTCLI0001");
    assert.equal(o.status, "FINISHED");
    assert.equal(o.phase, "succeeded");
    assert.equal(o.terminal, true);
    assert.deepEqual(o.scriptParams, [{ name: "PASSWORD", value: "[secret]", order: 1 }]);
    // Sent as a bare JSON number past 2^53; printed exact, as a string.
    assert.equal(o.scriptVersionUuid, "9007199254740993123");
    assert.doesNotMatch(r.stdout + r.stderr, /cli-param-secret/);
    assert.equal(r.stderr, "");
  });

  it("get --show-secrets prints parameter values", async () => {
    const r = await cli(["get", "SCTCLI0001", "--output=json", "--show-secrets"]);
    assert.equal(JSON.parse(r.stdout).scriptParams[0].value, "cli-param-secret");
  });

  it("get --output text is readable", async () => {
    const r = await cli(["get", "SCTCLI0001", "--endpoint", emu.current.url]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^SCTCLI0001 {2}FINISHED \(succeeded\)\n/);
    assert.match(r.stdout, /script {5}rotate-logs v3/);
    assert.match(r.stdout, /params {5}PASSWORD=\[secret\]/);
  });

  it("exits 2 on usage errors and bad input, sending nothing", async () => {
    const before = emu.current.requests().length;
    for (const args of [[], ["frobnicate"], ["get"], ["get", "A", "B"], ["get", "bad uuid!"], ["get", "SCTCLI0001", "--output", "yaml"], ["wait", "SCTCLI0001", "--interval", "500ms"], ["wait", "SCTCLI0001", "--until", "DONE"], ["get", "SCTCLI0001", "--until", "FINISHED"], ["get", "SCTCLI0001", "--endpoint", "http://example.com"]]) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^coc-script-order: /);
    }
    assert.equal(emu.current.requests().length, before);
  });

  it("exits 3 when the order does not exist", async () => {
    const r = await cli(["get", "SCTNOSUCHORDER"]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /script order SCTNOSUCHORDER was not found \(HTTP 400, COC\.00040709: .*request id [0-9a-f]{32}\)/);
  });

  it("exits 4 on bad credentials, naming the request id and not the key", async () => {
    const r = await cli(["get", "SCTCLI0001"], { HUAWEICLOUD_SDK_SK: "definitely-wrong-sk" });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /authentication or permission denied \(HTTP 401, APIG\.0301: .*request id [0-9a-f]{32}\)/);
    assert.doesNotMatch(r.stderr, /definitely-wrong-sk/);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  });

  it("exits 2 without credentials", async () => {
    const r = await cli(["get", "SCTCLI0001"], { HUAWEICLOUD_SDK_AK: "", HUAWEICLOUD_SDK_SK: "" });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no credentials/);
  });

  it("exits 5 when the response cannot be decoded", async () => {
    const r = await cli(["get", "SCTCLI0006"]);
    assert.equal(r.code, 5);
    assert.match(r.stderr, /could not be decoded at \$/);
  });

  it("exits 8 when throttling outlasts the retries", async () => {
    const r = await cli(["get", "SCTCLI0005"]);
    assert.equal(r.code, 8);
    assert.match(r.stderr, /throttled .*APIG\.0308.*after 5 attempts/);
  });

  it("wait prints one line per status change when not on a TTY, then the order; exit 0 on FINISHED", async () => {
    const r = await cli(["wait", "SCTCLI0003", "--interval", "1", "--output", "json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).status, "FINISHED");
    const lines = r.stderr.trim().split("\n");
    assert.deepEqual(lines.map((l) => l.replace(/^\[\d+s\] /, "")), ["SCTCLI0003 READY", "SCTCLI0003 READY -> PROCESSING", "SCTCLI0003 PROCESSING -> FINISHED"]);
  });

  it("wait exits 6 when the order ends in a status it was not waiting for", async () => {
    const r = await cli(["wait", "SCTCLI0002", "--interval", "1s"]);
    assert.equal(r.code, 6);
    assert.match(r.stdout, /ABNORMAL \(failed\)/);
    assert.match(r.stderr, /script order SCTCLI0002 ended ABNORMAL; waited for FINISHED \(request id [0-9a-f]{32}\)/);
  });

  it("wait --until accepts the statuses given", async () => {
    const r = await cli(["wait", "SCTCLI0002", "--until", "abnormal,error", "--interval", "1s"]);
    assert.equal(r.code, 0);
  });

  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`wait ends within a second of ${signal}, exit ${code}, and reads no more`, async () => {
      const { child, done } = startCli(["wait", "SCTCLI0007", "--interval", "2s", "--timeout", "10m"], {
        HUAWEICLOUD_SDK_AK: emu.current.credentials.accessKey,
        HUAWEICLOUD_SDK_SK: emu.current.credentials.secretKey,
        HUAWEICLOUD_SDK_REGION_COC_CN_NORTH_4: emu.current.url,
      });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const sentAt = Date.now();
      child.kill(signal);
      const r = await done;
      assert.ok(Date.now() - sentAt < 1_000, `exited ${Date.now() - sentAt} ms after ${signal}`);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, /coc-script-order: wait for script order SCTCLI0007 cancelled after 2\.\ds \(last status PAUSED\)\n$/);
      const reads = emu.current.requests().filter((q) => q.path.endsWith("SCTCLI0007")).length;
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      assert.equal(emu.current.requests().filter((q) => q.path.endsWith("SCTCLI0007")).length, reads);
    });
  }

  it("wait exits 7 at its timeout", async () => {
    const started = Date.now();
    const r = await cli(["wait", "SCTCLI0004", "--timeout", "2s", "--interval", "1s"]);
    assert.equal(r.code, 7);
    assert.match(r.stderr, /is still PROCESSING after waiting 2s/);
    assert.ok(Date.now() - started < 6_000);
  });

  it("list prints JSON summaries", async () => {
    const r = await cli(["list", "--output", "json", "--status", "ABNORMAL"]);
    assert.equal(r.code, 0, r.stderr);
    const orders = JSON.parse(r.stdout) as Array<{ executeUuid: string }>;
    assert.deepEqual(orders.map((o) => o.executeUuid), ["SCTCLI0002"]);
  });

  it("list prints tab-separated rows when stdout is not a TTY", async () => {
    const r = await cli(["list", "--limit", "2"]);
    assert.equal(r.code, 0);
    const rows = r.stdout.trim().split("\n");
    assert.equal(rows.length, 2);
    assert.equal(rows[0].split("\t").length, 6);
  });
});

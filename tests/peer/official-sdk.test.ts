/**
 * The official Huawei Cloud Go SDK (huaweicloud-sdk-go-v3 v0.1.207, services/coc/v1) as a client of
 * the emulator, beside our own client: the emulator must serve what the official SDK accepts, and
 * where both decode the same body they must agree field by field. Where they differ on purpose, the
 * tests below say so and show both sides.
 */
import * as assert from "node:assert/strict";
import type { Emulator, OrderFixture } from "../../emulator";
import { DEFAULT_FIXTURES, loadFixtureFile, startEmulator } from "../../emulator";
import { listAllScriptOrders, readScriptOrder } from "../../sdk/client";
import { formatCocError } from "../../sdk/errors";
import type { ScriptOrder, ScriptOrderSummary } from "../../sdk/model";
import { isoFromEpochMs } from "../../sdk/model";
import { phaseOf, isTerminalPhase } from "../../sdk/statuses";
import { clientFor, left, order, right } from "../helpers/emulator";
import type { PeerLine } from "../../scripts/peer";
import { PEER_BUILD_TIMEOUT_MS, peerBinary, peerEnv, runPeer } from "../../scripts/peer";

/** The official models, as the SDK's json tags name them (lossless: int64 past 2^53 as strings). */
interface OfficialParam {
  param_name?: string;
  param_value?: string;
  param_order?: number;
}
interface OfficialOrder {
  execute_uuid?: string;
  gmt_created?: number;
  gmt_finished?: number;
  execute_costs?: number;
  creator?: string;
  status?: string;
  properties?: {
    script_uuid?: string;
    script_name?: string;
    script_version_uuid?: number | string;
    script_version_name?: string;
    current_execute_batch_index?: number;
    execute_param?: { resourceful?: boolean; timeout?: number; success_rate?: number; execute_user?: string; script_params?: OfficialParam[] };
  };
}
interface OfficialListRow {
  order_id: number | string;
  order_name: string;
  execute_uuid: string;
  gmt_created?: number;
  gmt_finished?: number;
  execute_costs?: number;
  creator?: string;
  status?: string;
  properties?: { region_ids?: string };
}

const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const text = (v: string | undefined): string | null => (v === undefined || v === "" ? null : v);

/** What our model says of a status the official SDK read: the status, its phase, whether it is final. */
const statusOf = (s: string | undefined) => {
  const status = text(s);
  const phase = phaseOf(status);
  return { status, phase, terminal: isTerminalPhase(phase) };
};

/** What our model should hold, read off the official SDK's decoding of the same response. */
const expectedFromOfficial = (o: OfficialOrder): Omit<ScriptOrder, "scriptSource"> => {
  const p = o.properties ?? {};
  const x = p.execute_param;
  return {
    executeUuid: o.execute_uuid ?? "",
    ...statusOf(o.status),
    createdAt: isoFromEpochMs(o.gmt_created),
    finishedAt: isoFromEpochMs(o.gmt_finished),
    executeCosts: nul(o.execute_costs),
    creator: text(o.creator),
    scriptUuid: text(p.script_uuid),
    scriptName: text(p.script_name),
    scriptVersionUuid: p.script_version_uuid === undefined ? null : String(p.script_version_uuid),
    scriptVersionName: text(p.script_version_name),
    currentExecuteBatchIndex: nul(p.current_execute_batch_index),
    executeUser: text(x?.execute_user),
    timeoutSeconds: nul(x?.timeout),
    successRate: nul(x?.success_rate),
    resourceful: nul(x?.resourceful),
    scriptParams: x?.script_params === undefined ? null : x.script_params.map((q) => ({ name: text(q.param_name), value: text(q.param_value), order: nul(q.param_order) })),
  };
};

const withoutSource = ({ scriptSource: _, ...rest }: ScriptOrder): Omit<ScriptOrder, "scriptSource"> => rest;

const INT64_MAX = "9223372036854775807";
/** Beyond the demo fixtures: every field set, non-ASCII text, int64 at its limit. */
const EXTRA: OrderFixture[] = [
  order("SCTPEERFULL0000000001", {
    creator: "运维-oncall",
    script_uuid: "SC20261127PEER00000001",
    script_name: "清理日志 – cleanup",
    script_version_uuid: INT64_MAX,
    script_version_name: "v12",
    current_execute_batch_index: 3,
    execute_param: {
      resourceful: false,
      timeout: 1800,
      execute_user: "ops",
      success_rate: 99.9,
      script_params: [
        { param_name: "PATH_GLOB", param_value: "/var/log/*.gz", param_order: 1 },
        { param_name: "TOKEN", param_value: "s3cr3t ü", param_order: 2 },
      ],
    },
    lifecycle: { status: "ROLLBACKED" },
  }),
];

/** Orders whose first requests fail: the official SDK takes one failure, ours the rest. */
const FAULTY: OrderFixture[] = [
  order("SCTPEERTHROTTLED01", { faults: [{ kind: "throttle", times: 2 }] }),
  order("SCTPEERSERVER5030", { faults: [{ kind: "server_error", status: 503, times: 2 }] }),
];

/** Bodies on which the two decoders differ on purpose (served verbatim). */
const RAW: Record<string, string> = {
  SCTPEERNAMENUMBER1: '{"data":{"execute_uuid":"SCTPEERNAMENUMBER1","status":"FINISHED","properties":{"script_name":12345}}}',
  SCTPEERVERSIONTEXT: '{"data":{"execute_uuid":"SCTPEERVERSIONTEXT","status":"FINISHED","properties":{"script_version_uuid":"77"}}}',
  SCTPEERSTATUSNUM01: '{"data":{"execute_uuid":"SCTPEERSTATUSNUM01","status":42}}',
  SCTPEERSPARSE00001: '{"data":{"execute_uuid":"SCTPEERSPARSE00001","status":"PROCESSING","properties":{"script_source":"CUSTOM_SCRIPT","execute_param":{"script_params":[]}},"brand_new":{"x":1}}}',
};

describe("the official Huawei Cloud Go SDK against the emulator", function () {
  this.timeout(60_000);
  const fixtures = [...loadFixtureFile(DEFAULT_FIXTURES), ...EXTRA];
  let emu: Emulator;
  let env: Record<string, string>;
  const ours = (uuid: string) => readScriptOrder(clientFor(emu), uuid)();

  before(async function () {
    this.timeout(PEER_BUILD_TIMEOUT_MS);
    peerBinary();
    // A clock that stands still: orders on a timeline stay at their first status, and costs of
    // running orders do not grow between the two clients' reads.
    const frozen = Date.now();
    emu = await startEmulator({
      orders: [...fixtures, ...FAULTY, ...Object.entries(RAW).map(([uuid, raw_body]) => order(uuid, { raw_body }))],
      now: () => frozen,
    });
    env = peerEnv(emu);
  });
  after(async () => {
    await emu?.stop();
  });

  it("reads every fixture order, signing the way the official SDK does (no host, no content-type)", async () => {
    const lines = await runPeer<{ data: OfficialOrder }>(["get", ...fixtures.map((f) => f.execute_uuid)], env);
    assert.equal(lines.length, fixtures.length);
    for (const l of lines) assert.ok(l.ok, `${l.uuid}: ${JSON.stringify(l.error)}`);
    const signed = emu.requests().filter((r) => r.accessKey !== null).map((r) => r.signedHeaders);
    assert.ok(signed.length >= fixtures.length);
    // What the official SDK signed: proof that the emulator accepted a request without host.
    assert.ok(signed.some((s) => s !== null && !s.split(";").includes("host") && s.split(";").includes("x-sdk-date")), signed.join(" | "));
  });

  it("agrees field by field with our decoder on every fixture order (int64 past 2^53 included)", async () => {
    const lines = await runPeer<{ data: OfficialOrder }>(["get", ...fixtures.map((f) => f.execute_uuid)], env);
    for (const l of lines) {
      const official = l.response?.data;
      assert.ok(official !== undefined, `${l.uuid}: ${JSON.stringify(l.error)}`);
      const mine = right(await ours(l.uuid!));
      assert.deepEqual(withoutSource(mine.order), expectedFromOfficial(official), l.uuid);
    }
    const full = lines.find((l) => l.uuid === "SCTPEERFULL0000000001")!.response!.data;
    assert.equal(full.properties?.script_version_uuid, INT64_MAX, "the official SDK kept int64 max exact");
    const migrate = lines.find((l) => l.uuid === "SCT20261127DEMOMIGRATE01")!.response!.data;
    assert.equal(migrate.properties?.script_version_uuid, "9007199254740993123");
  });

  it("lists orders page by page with the same marker paging, order ids and region ids", async () => {
    const pages = await runPeer<{ data: { total: number; data: OfficialListRow[] } }>(["list", "--limit", "3"], env);
    assert.ok(pages.length >= 3, `pages: ${pages.length}`);
    for (const p of pages) assert.ok(p.ok, JSON.stringify(p.error));
    const official = pages.flatMap((p) => p.response?.data.data ?? []);
    const mine = right(await listAllScriptOrders(clientFor(emu), { limit: 3 })());
    assert.equal(official.length, mine.length);
    const expected = official.map(
      (o): ScriptOrderSummary => ({
        orderId: String(o.order_id),
        orderName: text(o.order_name),
        executeUuid: o.execute_uuid,
        ...statusOf(o.status),
        createdAt: isoFromEpochMs(o.gmt_created),
        finishedAt: isoFromEpochMs(o.gmt_finished),
        executeCosts: nul(o.execute_costs),
        creator: text(o.creator),
        // The official model's region_ids is one string; ours is always a list.
        regionIds: o.properties?.region_ids === undefined ? null : o.properties.region_ids.split(",").filter((r) => r !== ""),
      }),
    );
    assert.deepEqual(mine, expected);
    assert.ok(official.every((o) => typeof o.properties?.region_ids === "string"), "the emulator sends region_ids as the official model types it");
  });

  it("not found: both see 400 COC.00040709 with a request id", async () => {
    const [l] = await runPeer(["get", "SCTPEERMISSING0001"], env);
    assert.equal(l.ok, false);
    assert.deepEqual([l.error?.status_code, l.error?.error_code], [400, "COC.00040709"]);
    assert.match(l.error?.request_id ?? "", /^[0-9a-f]{32}$/);
    const e = left(await ours("SCTPEERMISSING0001"));
    assert.equal(e._tag, "NotFound");
    assert.match(formatCocError(e), /was not found \(HTTP 400, COC\.00040709: /);
  });

  it("bad credentials: both see 401 APIG.0301", async () => {
    const [l] = await runPeer(["get", "SCT20261127DEMOROTATE001"], { ...env, HUAWEICLOUD_SDK_SK: "not-the-secret-key" });
    assert.deepEqual([l.ok, l.error?.status_code, l.error?.error_code], [false, 401, "APIG.0301"]);
    const e = left(await readScriptOrder(clientFor(emu, { secretKey: "not-the-secret-key" }), "SCT20261127DEMOROTATE001")());
    assert.equal(e._tag, "Auth");
  });

  it("throttling and 5xx: the official SDK reports the first 429/503 as is; ours retries through them", async () => {
    const [throttled] = await runPeer(["get", "SCTPEERTHROTTLED01"], env);
    assert.deepEqual([throttled.error?.status_code, throttled.error?.error_code], [429, "APIG.0308"]);
    const [server] = await runPeer(["get", "SCTPEERSERVER5030"], env);
    assert.equal(server.error?.status_code, 503);
    // One fault of each is left for us: one retry each, then the order.
    assert.equal(right(await ours("SCTPEERTHROTTLED01")).order.status, "FINISHED");
    assert.equal(right(await ours("SCTPEERSERVER5030")).order.status, "FINISHED");
  });

  describe("where the two decoders differ, and why", () => {
    const official = async (uuid: string) => (await runPeer<{ data: OfficialOrder }>(["get", uuid], env))[0];

    it("script_name as a number: the official SDK refuses the order; we keep it as text (the doc table says Long)", async () => {
      const l = await official("SCTPEERNAMENUMBER1");
      assert.equal(l.ok, false);
      assert.match(l.error?.message ?? "", /script_name|string/i);
      assert.equal(right(await ours("SCTPEERNAMENUMBER1")).order.scriptName, "12345");
    });

    it("script_version_uuid as a string: the official SDK refuses it; we accept it (the Terraform provider stores it so)", async () => {
      const l = await official("SCTPEERVERSIONTEXT");
      assert.equal(l.ok, false);
      assert.equal(right(await ours("SCTPEERVERSIONTEXT")).order.scriptVersionUuid, "77");
    });

    it("status as a number: both read it as the text \"42\", an unknown status", async () => {
      const l = await official("SCTPEERSTATUSNUM01");
      assert.ok(l.ok, JSON.stringify(l.error));
      assert.equal(l.response?.data.status, "42");
      const mine = right(await ours("SCTPEERSTATUSNUM01")).order;
      assert.deepEqual([mine.status, mine.phase], ["42", "unknown"]);
    });

    it("absent timeout and execute_user: the official model shows 0 and \"\"; we show null (absent is not zero)", async () => {
      const l = await official("SCTPEERSPARSE00001");
      assert.ok(l.ok, JSON.stringify(l.error));
      const x = l.response?.data.properties?.execute_param;
      assert.deepEqual([x?.timeout, x?.execute_user], [0, ""]);
      const mine = right(await ours("SCTPEERSPARSE00001")).order;
      assert.deepEqual([mine.timeoutSeconds, mine.executeUser], [null, null]);
    });

    it("script_source: not in the official model (only in the doc's example); we keep it when sent", async () => {
      const l = await official("SCTPEERSPARSE00001");
      assert.equal((l.response?.data.properties as Record<string, unknown> | undefined)?.script_source, undefined);
      assert.equal(right(await ours("SCTPEERSPARSE00001")).order.scriptSource, "CUSTOM_SCRIPT");
    });
  });

  it("the peer's own lines are what we parse: a sanity check of the harness", async () => {
    const lines: PeerLine<unknown>[] = await runPeer(["get", "SCT20261127DEMOPATCH0001", "SCTPEERMISSING0001"], env);
    assert.deepEqual(lines.map((l) => [l.uuid, l.ok]), [["SCT20261127DEMOPATCH0001", true], ["SCTPEERMISSING0001", false]]);
  });
});

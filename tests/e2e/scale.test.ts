/**
 * Many orders in one stack, with the real engine, against an emulator that throttles like the API
 * gateway: the provider's request budget keeps the stack under the limit, and a throttled request
 * slows the whole budget instead of failing the update.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Emulator, RequestLogEntry } from "../../emulator";
import { startEmulator } from "../../emulator";
import { order } from "../helpers/emulator";
import type { Project } from "../helpers/pulumi";
import { ENGINE_BUILD_TIMEOUT_MS, makeProject } from "../helpers/pulumi";

const PROGRAM = path.join(__dirname, "program", "index.js");
const N = 200;
const LIMIT = { perSecond: 20, burst: 5 };

/** The most requests the emulator served (answered other than 429) in any one-second window. */
const busiestSecond = (log: readonly RequestLogEntry[]): number => {
  const times = log.filter((r) => r.status !== 429).map((r) => Date.parse(r.time)).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
};

describe(`${N} ScriptOrders against an emulator limited to ${LIMIT.perSecond} requests/s`, function () {
  this.timeout(300_000);
  let emu: Emulator;
  let project: Project;
  const uuids = Array.from({ length: N }, (_, i) => `SCTE2ESCALE${String(i).padStart(4, "0")}`);

  before(async function () {
    this.timeout(ENGINE_BUILD_TIMEOUT_MS);
    emu = await startEmulator({ orders: uuids.map((u) => order(u)), rateLimit: LIMIT });
    project = makeProject("coc-e2e-scale", { programFile: PROGRAM });
  });
  after(async () => {
    await emu?.stop();
  });

  const up = async (stack: string, config: Record<string, string> = {}) => {
    await project.stack(
      stack,
      {
        "huaweicloud-coc:endpoint": emu.url,
        "huaweicloud-coc:accessKey": emu.credentials.accessKey,
        "e2e:orders": JSON.stringify(uuids.map((executeUuid, i) => ({ name: `order${i}`, executeUuid, requireStatus: ["FINISHED"] }))),
        ...config,
      },
      { "huaweicloud-coc:secretKey": emu.credentials.secretKey },
    );
    emu.clearRequests();
    const r = await project.run(["up", "--yes", "--skip-preview"]);
    assert.equal(r.code, 0, (r.stdout + r.stderr).slice(-4000));
    assert.doesNotMatch(r.stdout + r.stderr, /error:/);
    return emu.requests();
  };

  it("with the default budget (10/s): up succeeds, each order read once, never throttled", async () => {
    const log = await up("default");
    const reads = log.filter((r) => r.path.startsWith("/v1/job/script/orders/"));
    assert.deepEqual(new Set(reads.map((r) => r.path.split("/").pop())), new Set(uuids));
    assert.equal(reads.length, N, "one read per order");
    assert.equal(log.filter((r) => r.status === 429).length, 0);
    assert.ok(busiestSecond(log) <= LIMIT.perSecond, `busiest second: ${busiestSecond(log)} requests`);
  });

  it("with a budget above the limit (40/s): throttled requests slow the budget, and up still succeeds", async () => {
    const log = await up("eager", { "huaweicloud-coc:requestsPerSecond": "40", "huaweicloud-coc:maxConcurrentRequests": "16" });
    const ok = log.filter((r) => r.status === 200);
    assert.deepEqual(new Set(ok.map((r) => r.path.split("/").pop())), new Set(uuids));
    assert.ok(log.some((r) => r.status === 429), "the emulator never throttled: the case did not test what it claims");
    assert.ok(busiestSecond(log) <= LIMIT.perSecond + LIMIT.burst, `busiest second: ${busiestSecond(log)} requests`);
  });
});

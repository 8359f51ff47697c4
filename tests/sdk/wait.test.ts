import * as assert from "node:assert/strict";
import { formatCocError } from "../../sdk/errors";
import type { WaitProgress } from "../../sdk/wait";
import { waitForScriptOrder } from "../../sdk/wait";
import { clientFor, left, order, right, useEmulator } from "../helpers/emulator";

describe("waitForScriptOrder", () => {
  const emu = useEmulator([
    order("SCTWAIT0001", { lifecycle: { per_read: ["READY", "PROCESSING", "PROCESSING", "FINISHED"] } }),
    order("SCTWAIT0002", { lifecycle: { per_read: ["PROCESSING", "PAUSED", "PAUSED", "PROCESSING", "FINISHED"] } }),
    order("SCTWAIT0003", { lifecycle: { per_read: ["PROCESSING", "ABNORMAL"] } }),
    order("SCTWAIT0004", { lifecycle: { status: "PROCESSING" } }),
    order("SCTWAIT0005", { lifecycle: { per_read: ["READY", "PROCESSING", "FINISHED"] } }),
    order("SCTWAIT0006", { lifecycle: { per_read: ["READY", "PROCESSING"] }, faults: [{ kind: "throttle" }] }),
  ]);
  const fastInterval = { intervalMs: 1_000 };

  it("waits for a terminal status and reports each change once", async () => {
    const seen: WaitProgress[] = [];
    const r = right(await waitForScriptOrder(clientFor(emu.current), "SCTWAIT0001", { ...fastInterval, onProgress: (p) => seen.push(p) })());
    assert.equal(r.order.status, "FINISHED");
    assert.equal(r.matched, true);
    assert.deepEqual(seen.map((p) => [p.previousStatus, p.order.status]), [[null, "READY"], ["READY", "PROCESSING"], ["PROCESSING", "FINISHED"]]);
  });

  it("reports PAUSED and waits through it", async () => {
    const seen: string[] = [];
    const r = right(await waitForScriptOrder(clientFor(emu.current), "SCTWAIT0002", { ...fastInterval, onProgress: (p) => seen.push(p.order.status ?? "") })());
    assert.equal(r.order.status, "FINISHED");
    assert.deepEqual(seen, ["PROCESSING", "PAUSED", "PROCESSING", "FINISHED"]);
  });

  it("stops on a terminal status it was not waiting for, unmatched", async () => {
    const r = right(await waitForScriptOrder(clientFor(emu.current), "SCTWAIT0003", { ...fastInterval, until: ["FINISHED"] })());
    assert.equal(r.order.status, "ABNORMAL");
    assert.equal(r.matched, false);
  });

  it("stops on a non-terminal status it was asked for", async () => {
    const r = right(await waitForScriptOrder(clientFor(emu.current), "SCTWAIT0005", { ...fastInterval, until: ["PROCESSING"] })());
    assert.equal(r.order.status, "PROCESSING");
    assert.equal(r.matched, true);
  });

  it("times out within its timeout plus a small margin, naming the last status", async () => {
    const started = Date.now();
    const e = left(await waitForScriptOrder(clientFor(emu.current), "SCTWAIT0004", { timeoutMs: 2_500, intervalMs: 1_000 })());
    const took = Date.now() - started;
    assert.equal(e._tag, "WaitTimeout");
    assert.ok(took >= 2_400 && took < 4_000, `took ${took} ms`);
    assert.match(formatCocError(e), /script order SCTWAIT0004 is still PROCESSING after waiting 2\.5s \(request id [0-9a-f]{32}\)/);
  });

  it("rides out a throttled read", async () => {
    const r = right(await waitForScriptOrder(clientFor(emu.current), "SCTWAIT0006", { ...fastInterval, until: ["PROCESSING"] })());
    assert.equal(r.order.status, "PROCESSING");
  });

  it("rejects an interval under one second before any request", async () => {
    const before = emu.current.requests().length;
    const e = left(await waitForScriptOrder(clientFor(emu.current), "SCTWAIT0004", { intervalMs: 500 })());
    assert.equal(e._tag, "InvalidInput");
    assert.equal(emu.current.requests().length, before);
  });
});

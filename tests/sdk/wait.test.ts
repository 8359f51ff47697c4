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
    order("SCTWAIT0007", { lifecycle: { status: "PROCESSING" } }),
    order("SCTWAIT0008", { lifecycle: { status: "PROCESSING" }, faults: [{ kind: "delay", delay_ms: 6_000, times: 10 }] }),
    order("SCTWAIT0009", { lifecycle: { status: "PAUSED" } }),
    order("SCTWAIT0010", { lifecycle: { status: "PAUSED" }, faults: [{ kind: "delay", delay_ms: 10_000, times: 10 }] }),
  ]);
  const readsOf = (uuid: string) => emu.current.requests().filter((r) => r.path.endsWith(uuid));
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

  it("reads once per interval, not more: 1 s apart over a 3.5 s wait", async () => {
    left(await waitForScriptOrder(clientFor(emu.current), "SCTWAIT0007", { timeoutMs: 3_500, intervalMs: 1_000 })());
    const times = readsOf("SCTWAIT0007").map((r) => Date.parse(r.time));
    // Reads at about 0, 1, 2 and 3 s (±10% jitter), and one last read at the deadline.
    assert.ok(times.length >= 4 && times.length <= 6, `${times.length} reads`);
    const gaps = times.slice(1, -1).map((t, i) => t - times[i]);
    assert.ok(gaps.every((g) => g >= 850), `gaps ${gaps.join(", ")} ms`);
  });

  it("is bounded by its timeout even when each read is slower than the whole wait", async () => {
    // Generous per-attempt and per-request limits: only the wait's own deadline can end this early.
    const client = clientFor(emu.current, { retry: { attemptTimeoutMs: 20_000, deadlineMs: 60_000 } });
    const started = Date.now();
    const e = left(await waitForScriptOrder(client, "SCTWAIT0008", { timeoutMs: 2_500, intervalMs: 1_000 })());
    const took = Date.now() - started;
    assert.ok(took < 4_500, `took ${took} ms for a 2.5 s wait`);
    assert.match(formatCocError(e), /SCTWAIT0008/);
  });

  it("ends within a second of its signal while sleeping, and reads no more", async () => {
    const controller = new AbortController();
    const waiting = waitForScriptOrder(clientFor(emu.current), "SCTWAIT0009", { timeoutMs: 600_000, intervalMs: 5_000, signal: controller.signal })();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const abortedAt = Date.now();
    controller.abort("test");
    const e = left(await waiting);
    assert.ok(Date.now() - abortedAt < 1_000, `ended ${Date.now() - abortedAt} ms after the abort`);
    assert.equal(e._tag, "Cancelled");
    assert.match(formatCocError(e), /^wait for script order SCTWAIT0009 cancelled after 1\.\ds \(last status PAUSED\)$/);
    const reads = readsOf("SCTWAIT0009").length;
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    assert.equal(readsOf("SCTWAIT0009").length, reads, "a read after the wait was cancelled");
  });

  it("aborts a read in flight", async () => {
    const controller = new AbortController();
    const client = clientFor(emu.current, { retry: { attemptTimeoutMs: 20_000, deadlineMs: 60_000 } });
    const waiting = waitForScriptOrder(client, "SCTWAIT0010", { timeoutMs: 600_000, signal: controller.signal })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const abortedAt = Date.now();
    controller.abort("test");
    const e = left(await waiting);
    assert.ok(Date.now() - abortedAt < 200, `ended ${Date.now() - abortedAt} ms after the abort`);
    assert.match(formatCocError(e), /^wait for script order SCTWAIT0010 cancelled after 0\.\ds \(last status not read yet\)$/);
  });

  it("does not start when its signal is already aborted", async () => {
    const before = readsOf("SCTWAIT0009").length;
    const e = left(await waitForScriptOrder(clientFor(emu.current), "SCTWAIT0009", { signal: AbortSignal.abort() })());
    assert.equal(e._tag, "Cancelled");
    assert.equal(readsOf("SCTWAIT0009").length, before);
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

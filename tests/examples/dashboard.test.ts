import * as assert from "node:assert/strict";
import type { OrderCard } from "../../examples/dashboard/summary";
import { byUuid, summarize } from "../../examples/dashboard/summary";

const card = (executeUuid: string, over: Partial<OrderCard>): OrderCard => ({
  executeUuid,
  status: "FINISHED",
  phase: "succeeded",
  title: null,
  createdAt: null,
  finishedAt: null,
  executeCosts: null,
  creator: null,
  ...over,
});

describe("dashboard summary", () => {
  it("counts phases, finds the slowest order and the latest failure", () => {
    const cards = [
      card("A", { executeCosts: 10, finishedAt: "2026-11-27T01:00:00Z" }),
      card("B", { status: "ABNORMAL", phase: "failed", executeCosts: 50, finishedAt: "2026-11-27T02:00:00Z" }),
      card("C", { status: "CANCELED", phase: "failed", executeCosts: 5, finishedAt: "2026-11-27T03:00:00Z" }),
      card("D", { status: "PROCESSING", phase: "pending" }),
    ];
    assert.deepEqual(summarize(cards), {
      total: 4,
      byPhase: { pending: 1, paused: 0, succeeded: 1, failed: 2, unknown: 0 },
      slowest: { executeUuid: "B", executeCosts: 50 },
      latestFailure: { executeUuid: "C", status: "CANCELED", finishedAt: "2026-11-27T03:00:00Z" },
    });
    assert.deepEqual(Object.keys(byUuid(cards)), ["A", "B", "C", "D"]);
  });

  it("has nulls, not guesses, for an empty dashboard", () => {
    assert.deepEqual(summarize([]), { total: 0, byPhase: { pending: 0, paused: 0, succeeded: 0, failed: 0, unknown: 0 }, slowest: null, latestFailure: null });
  });
});

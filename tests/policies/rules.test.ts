import * as assert from "node:assert/strict";
import * as E from "fp-ts/Either";
import type { Subject } from "../../policies/rules";
import { checkFresh, checkScriptAllowed, checkSucceeded, decodeSubject } from "../../policies/rules";

const props = (over: Record<string, unknown> = {}) => ({
  executeUuid: "SCT1",
  status: "FINISHED",
  phase: "succeeded",
  terminal: true,
  createdAt: "2026-11-27T00:00:00.000Z",
  finishedAt: "2026-11-27T01:00:00.000Z",
  executeCosts: 1,
  creator: null,
  scriptUuid: "SC-ROT",
  scriptName: "rotate-logs",
  scriptVersionUuid: null,
  scriptVersionName: "v3",
  currentExecuteBatchIndex: 1,
  executeUser: "root",
  timeoutSeconds: 300,
  successRate: 100,
  resourceful: null,
  scriptSource: null,
  ...over,
});

const subject = (over: Record<string, unknown> = {}): Subject => {
  const s = decodeSubject("gate", props(over));
  if (E.isLeft(s)) throw new Error(s.left);
  return s.right;
};

describe("policy rules", () => {
  it("script-order-succeeded: only the succeeded phase passes", () => {
    assert.equal(checkSucceeded(subject()), null);
    assert.equal(checkSucceeded(subject({ status: "ABNORMAL", phase: "failed" })), "ScriptOrder gate (order SCT1) is ABNORMAL (phase failed); a succeeded (FINISHED) order is required");
    assert.match(checkSucceeded(subject({ status: "PAUSED", phase: "paused" })) ?? "", /is PAUSED/);
  });

  it("script-order-fresh: finished within the window; unfinished is never fresh", () => {
    const now = new Date("2026-11-27T05:00:00.000Z");
    assert.equal(checkFresh(subject(), 24, now), null);
    assert.equal(checkFresh(subject(), 4, now), null);
    assert.equal(checkFresh(subject(), 3, now), "ScriptOrder gate (order SCT1) finished 4.0h ago (at 2026-11-27T01:00:00.000Z); it must have finished within 3h");
    assert.match(checkFresh(subject({ finishedAt: null, status: "PROCESSING", phase: "pending" }), 24, now) ?? "", /has not finished \(status PROCESSING\)/);
  });

  it("script-order-script-allowed: name or uuid listed; empty list allows all", () => {
    assert.equal(checkScriptAllowed(subject(), []), null);
    assert.equal(checkScriptAllowed(subject(), ["rotate-logs"]), null);
    assert.equal(checkScriptAllowed(subject(), ["SC-ROT"]), null);
    assert.match(checkScriptAllowed(subject(), ["other"]) ?? "", /ran script rotate-logs \(SC-ROT\), which is not in the allowed list: other/);
  });

  it("reports state that is not a script order instead of guessing", () => {
    assert.ok(E.isLeft(decodeSubject("x", { executeUuid: 1 })));
  });
});

import * as assert from "node:assert/strict";
import * as E from "fp-ts/Either";
import { createRequestBudget, DEFAULT_BUDGET, resolveBudgetLimits } from "../../sdk/budget";
import { abortableSleep, getScriptOrder } from "../../sdk/client";
import { startEmulator } from "../../emulator";
import { clientFor, left, order, right, useEmulator } from "../helpers/emulator";

const clock = { now: Date.now, sleep: abortableSleep };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("request budget", () => {
  it("keeps at most maxConcurrent in flight, handing a released slot to the next waiter", async () => {
    const budget = createRequestBudget({ maxConcurrent: 2, perSecond: 1_000 }, clock);
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await budget.acquire();
        assert.ok(release !== null);
        most = Math.max(most, ++inFlight);
        await sleep(20);
        inFlight--;
        release();
      }),
    );
    assert.equal(most, 2);
  });

  it("spaces starts 1/perSecond apart, without a burst", async () => {
    const budget = createRequestBudget({ maxConcurrent: 100, perSecond: 20 }, clock);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const release = await budget.acquire();
        starts.push(Date.now());
        release?.();
      }),
    );
    starts.sort((a, b) => a - b);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    assert.ok(gaps.every((g) => g >= 45), `gaps ${gaps.join(", ")} ms`);
  });

  it("holds every request back after a pause", async () => {
    const budget = createRequestBudget({ maxConcurrent: 4, perSecond: 1_000 }, clock);
    budget.pause(300);
    const started = Date.now();
    const releases = await Promise.all([budget.acquire(), budget.acquire()]);
    assert.ok(Date.now() - started >= 290, `waited ${Date.now() - started} ms`);
    releases.forEach((r) => r?.());
  });

  it("gives up a wait when its signal aborts, holding nothing", async () => {
    const budget = createRequestBudget({ maxConcurrent: 1, perSecond: 1_000 }, clock);
    const first = await budget.acquire();
    const controller = new AbortController();
    const waiting = budget.acquire(controller.signal);
    controller.abort();
    assert.equal(await waiting, null);
    first?.();
    // The aborted waiter took no slot: the next two acquisitions go through one after the other.
    const second = await budget.acquire();
    assert.ok(second !== null);
    second();
    assert.ok((await budget.acquire()) !== null);
  });

  it("takes limits from config, then the environment, then the defaults, and rejects bad ones by their config name", () => {
    assert.deepEqual(right(resolveBudgetLimits({}, {})), DEFAULT_BUDGET);
    assert.deepEqual(right(resolveBudgetLimits({}, { HUAWEICLOUD_COC_REQUESTS_PER_SECOND: "5", HUAWEICLOUD_COC_MAX_CONCURRENT_REQUESTS: "2" })), { maxConcurrent: 2, perSecond: 5 });
    assert.deepEqual(right(resolveBudgetLimits({ perSecond: "3" }, { HUAWEICLOUD_COC_REQUESTS_PER_SECOND: "5" })), { maxConcurrent: DEFAULT_BUDGET.maxConcurrent, perSecond: 3 });
    const bad = resolveBudgetLimits({ maxConcurrent: "2.5" }, {});
    assert.ok(E.isLeft(bad) && bad.left._tag === "InvalidInput" && bad.left.field === "maxConcurrentRequests");
    assert.ok(E.isLeft(resolveBudgetLimits({ perSecond: "0" }, {})));
  });

  describe("with the emulator", () => {
    const emu = useEmulator([order("SCTBUDGET0001", { faults: [{ kind: "throttle", retry_after: "1" }] }), order("SCTBUDGET0002")]);

    it("a 429 with Retry-After slows every request of the budget, not only the throttled one", async () => {
      const budget = createRequestBudget({ maxConcurrent: 4, perSecond: 1_000 }, clock);
      const client = clientFor(emu.current, { budget });
      const throttled = getScriptOrder(client, "SCTBUDGET0001")();
      await sleep(100);
      const started = Date.now();
      right(await getScriptOrder(client, "SCTBUDGET0002")());
      assert.ok(Date.now() - started >= 800, `the other read went on after ${Date.now() - started} ms`);
      right(await throttled);
    });

    it("time queued in the budget does not count against a request's deadline", async () => {
      const budget = createRequestBudget({ maxConcurrent: 8, perSecond: 4 }, clock);
      const client = clientFor(emu.current, { budget, retry: { deadlineMs: 1_000, attemptTimeoutMs: 1_000 } });
      // Six reads at 4/s: the last starts about 1.25 s after the first, past a 1 s deadline.
      const results = await Promise.all(Array.from({ length: 6 }, () => getScriptOrder(client, "SCTBUDGET0002")()));
      assert.ok(results.every(E.isRight), JSON.stringify(results.filter(E.isLeft)));
    });

    it("a cancelled read waiting for the budget ends without a request", async () => {
      const budget = createRequestBudget({ maxConcurrent: 1, perSecond: 0.5 }, clock);
      const client = clientFor(emu.current, { budget });
      right(await getScriptOrder(client, "SCTBUDGET0002")());
      const before = emu.current.requests().length;
      const e = left(await getScriptOrder(client, "SCTBUDGET0002", AbortSignal.timeout(100))());
      assert.equal(e._tag, "Cancelled");
      assert.equal(emu.current.requests().length, before);
    });
  });
});

describe("emulator rate limit", () => {
  const emu = useEmulator([order("SCTRATE0001")]);

  it("answers 429 APIG.0308 with a Retry-After beyond its rate and burst", async () => {
    const limited = await startEmulator({ orders: [order("SCTRATE0001")], rateLimit: { perSecond: 5, burst: 3 } });
    try {
      const client = clientFor(limited, { retry: { attempts: 1 } });
      const results = await Promise.all(Array.from({ length: 6 }, () => getScriptOrder(client, "SCTRATE0001")()));
      assert.equal(results.filter(E.isRight).length, 3);
      const throttled = limited.requests().filter((r) => r.status === 429);
      assert.equal(throttled.length, 3);
    } finally {
      await limited.stop();
    }
    // Without a limit, nothing is throttled.
    const client = clientFor(emu.current, { retry: { attempts: 1 } });
    const results = await Promise.all(Array.from({ length: 6 }, () => getScriptOrder(client, "SCTRATE0001")()));
    assert.ok(results.every(E.isRight));
  });
});

/**
 * A request budget: the one limiter every request of a process goes through when it is given one (the
 * Pulumi provider, the invokes and the CLI each make one). At most `maxConcurrent` requests in flight,
 * starts spaced at least 1/`perSecond` apart (no bursts: a stack of hundreds of orders should look to
 * COC like one steady client), and a throttled answer (429) holds back every request, not only the
 * one that got it.
 */
import * as E from "fp-ts/Either";
import type { Env } from "./credentials";
import type { CocError } from "./errors";
import { invalidInput } from "./errors";

export interface BudgetLimits {
  readonly maxConcurrent: number;
  readonly perSecond: number;
}

/**
 * COC publishes no limit of its own; Huawei Cloud's API gateway throttles per account and API, and
 * the account is shared with every other tool of the team. Ten requests a second, eight in flight,
 * reads 200 orders in 20 seconds and leaves most of such a limit to others.
 */
export const DEFAULT_BUDGET: BudgetLimits = { maxConcurrent: 8, perSecond: 10 };

export const BUDGET_ENV = {
  maxConcurrent: "HUAWEICLOUD_COC_MAX_CONCURRENT_REQUESTS",
  perSecond: "HUAWEICLOUD_COC_REQUESTS_PER_SECOND",
} as const;

const LIMITS = { maxConcurrent: { min: 1, max: 256 }, perSecond: { min: 0.1, max: 1_000 } } as const;

/** Explicit values (stack config, strings or numbers) win over the environment, then the defaults. */
export const resolveBudgetLimits = (
  explicit: { readonly maxConcurrent?: string | number; readonly perSecond?: string | number },
  env: Env,
): E.Either<CocError, BudgetLimits> => {
  const out: Record<keyof BudgetLimits, number> = { ...DEFAULT_BUDGET };
  for (const key of ["maxConcurrent", "perSecond"] as const) {
    const raw = explicit[key] ?? env[BUDGET_ENV[key]];
    if (raw === undefined || String(raw).trim() === "") continue;
    const n = Number(raw);
    const { min, max } = LIMITS[key];
    if (!Number.isFinite(n) || n < min || n > max || (key === "maxConcurrent" && !Number.isInteger(n))) {
      return E.left(invalidInput(key === "maxConcurrent" ? "maxConcurrentRequests" : "requestsPerSecond", `must be ${key === "maxConcurrent" ? "an integer" : "a number"} from ${min} to ${max}, got ${JSON.stringify(raw)}`));
    }
    out[key] = n;
  }
  return E.right(out);
};

export interface RequestBudget {
  readonly limits: BudgetLimits;
  /**
   * Waits for a slot in flight and a start time. Resolves to the function that gives the slot back,
   * or to null (holding nothing) if `signal` aborted first.
   */
  acquire(signal?: AbortSignal): Promise<(() => void) | null>;
  /** A server asked to slow down: no request of this budget starts within the next `ms`. */
  pause(ms: number): void;
}

export interface BudgetClock {
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const createRequestBudget = (limits: BudgetLimits, clock: BudgetClock): RequestBudget => {
  const spacingMs = 1000 / limits.perSecond;
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  /** The earliest time the next request may start. */
  let nextStart = 0;
  let pausedUntil = 0;

  const release = (): void => {
    const next = waiting.shift();
    if (next !== undefined) next();
    else inFlight--;
  };

  const slot = (signal?: AbortSignal): Promise<boolean> => {
    if (signal?.aborted) return Promise.resolve(false);
    if (inFlight < limits.maxConcurrent) {
      inFlight++;
      return Promise.resolve(true);
    }
    // A released slot passes straight to the first waiter (inFlight stays as it is).
    return new Promise<boolean>((resolve) => {
      const granted = () => {
        signal?.removeEventListener("abort", aborted);
        resolve(true);
      };
      const aborted = () => {
        waiting.splice(waiting.indexOf(granted), 1);
        resolve(false);
      };
      waiting.push(granted);
      signal?.addEventListener("abort", aborted, { once: true });
    });
  };

  return {
    limits,
    async acquire(signal) {
      if (!(await slot(signal))) return null;
      for (;;) {
        const now = clock.now();
        const at = Math.max(now, nextStart, pausedUntil);
        if (at <= now) {
          nextStart = now + spacingMs;
          return release;
        }
        await clock.sleep(at - now, signal);
        if (signal?.aborted) {
          release();
          return null;
        }
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
    },
  };
};

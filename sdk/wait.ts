/**
 * Waiting for an order to settle: read, report status changes, sleep with jitter, repeat, all inside
 * one deadline. Each read gets at most the time left, so the wait ends within its timeout plus one
 * attempt's slack, never hangs on a slow API.
 */
import * as E from "fp-ts/Either";
import type * as TE from "fp-ts/TaskEither";
import type { CocClient } from "./client";
import { readScriptOrder, withDeadline } from "./client";
import type { CocError } from "./errors";
import { invalidInput, WAIT_OPERATION } from "./errors";
import type { ScriptOrder } from "./model";
import { TERMINAL_STATUSES } from "./statuses";

export interface WaitProgress {
  readonly order: ScriptOrder;
  readonly previousStatus: string | null;
  readonly elapsedMs: number;
}

export interface WaitOptions {
  /** Statuses to wait for. Default: any terminal status. A terminal status ends the wait either way. */
  readonly until?: readonly string[];
  /** Default 600 s (the Terraform provider's default too). */
  readonly timeoutMs?: number;
  /** Time between reads, at least 1 s; ±10% jitter is applied. Default 5 s. */
  readonly intervalMs?: number;
  /** Called on the first read and on every status change. */
  readonly onProgress?: (p: WaitProgress) => void;
  /** Called on reads where nothing changed, e.g. to refresh a live status line. */
  readonly onPoll?: (p: WaitProgress) => void;
  /** Aborting it ends the wait at once, a read in flight included, with a `Cancelled` error. */
  readonly signal?: AbortSignal;
}

export interface WaitResult {
  readonly order: ScriptOrder;
  readonly requestId: string | null;
  /** False when the order settled in a terminal status that was not asked for. */
  readonly matched: boolean;
  readonly elapsedMs: number;
}

export const MIN_INTERVAL_MS = 1_000;
export const DEFAULT_WAIT_TIMEOUT_MS = 600_000;
export const DEFAULT_WAIT_INTERVAL_MS = 5_000;
/** The read at the deadline still gets this long, so a timeout reports the last status, not a dead request. */
const FINAL_READ_GRACE_MS = 2_000;

const validate = (opts: WaitOptions): E.Either<CocError, { until: readonly string[]; timeoutMs: number; intervalMs: number }> => {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const intervalMs = opts.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return E.left(invalidInput("timeout", "must be a positive duration"));
  if (!Number.isFinite(intervalMs) || intervalMs < MIN_INTERVAL_MS) return E.left(invalidInput("interval", "must be at least 1 second"));
  const until = opts.until ?? TERMINAL_STATUSES;
  if (until.length === 0) return E.left(invalidInput("until", "needs at least one status"));
  return E.right({ until, timeoutMs, intervalMs });
};

export const waitForScriptOrder =
  (client: CocClient, executeUuid: string, opts: WaitOptions = {}): TE.TaskEither<CocError, WaitResult> =>
  async () => {
    const valid = validate(opts);
    if (E.isLeft(valid)) return valid;
    const { until, timeoutMs, intervalMs } = valid.right;
    const { now, sleep, random } = client.context;
    const started = now();
    let previous: ScriptOrder | null = null;
    const cancelled = (): E.Either<CocError, never> =>
      E.left({ _tag: "Cancelled", executeUuid, operation: WAIT_OPERATION, elapsedMs: now() - started, lastStatus: previous?.status ?? null });
    for (;;) {
      const budget = Math.max(FINAL_READ_GRACE_MS, timeoutMs - (now() - started));
      const read = await readScriptOrder(withDeadline(client, budget), executeUuid, opts.signal)();
      if (E.isLeft(read)) return read.left._tag === "Cancelled" ? cancelled() : read;
      const { order, requestId } = read.right;
      const progress = { order, previousStatus: previous?.status ?? null, elapsedMs: now() - started };
      if (previous === null || previous.status !== order.status) opts.onProgress?.(progress);
      else opts.onPoll?.(progress);
      previous = order;
      const wanted = order.status !== null && until.includes(order.status);
      if (wanted || order.terminal) return E.right({ order, requestId, matched: wanted, elapsedMs: progress.elapsedMs });
      const left = timeoutMs - (now() - started);
      if (left <= 0) {
        return E.left({ _tag: "WaitTimeout", executeUuid, timeoutMs, lastStatus: order.status, requestId });
      }
      await sleep(Math.min(left, intervalMs * (0.9 + 0.2 * random())), opts.signal);
      if (opts.signal?.aborted) return cancelled();
    }
  };

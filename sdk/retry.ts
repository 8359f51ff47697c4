/**
 * When to try a request again, as one pure decision. Allow-lists only: a status or error kind not
 * named here is final, so an unknown failure is never retried.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  readonly attempts: number;
  /** Statuses worth another attempt. Default 429, 500, 502, 503, 504. */
  readonly statuses: readonly number[];
  /** First backoff ceiling; doubles per attempt (full jitter picks below it). Default 500 ms. */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling. Default 8 s. */
  readonly maxDelayMs: number;
  /** No attempt starts, and no wait runs, past this much time since the first attempt. Default 60 s. */
  readonly deadlineMs: number;
  /** Each attempt (connect, response and body) must finish within this. Default 15 s. */
  readonly attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  statuses: [429, 500, 502, 503, 504],
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  deadlineMs: 60_000,
  attemptTimeoutMs: 15_000,
};

/** Connection-level failures that say nothing about the request itself. */
export const RETRYABLE_ERROR_CODES: readonly string[] = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
];

export type AttemptOutcome =
  | { readonly kind: "status"; readonly status: number; readonly retryAfter: string | null }
  | { readonly kind: "network"; readonly code: string | null }
  | { readonly kind: "timeout" };

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Garbage is ignored, not obeyed. */
export const parseRetryAfter = (value: string | null, nowMs: number): number | null => {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
};

/** Full jitter: uniformly below an exponentially growing ceiling, so clients do not retry in step. */
export const backoffMs = (attempt: number, policy: RetryPolicy, random: () => number): number =>
  Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));

const isRetryable = (outcome: AttemptOutcome, policy: RetryPolicy): boolean => {
  switch (outcome.kind) {
    case "status":
      return policy.statuses.includes(outcome.status);
    case "network":
      return outcome.code !== null && RETRYABLE_ERROR_CODES.includes(outcome.code);
    case "timeout":
      return true;
  }
};

/**
 * How long to wait before attempt `attempt + 1`, or null to stop. A server's Retry-After is obeyed
 * even above the backoff ceiling, but never past the deadline: then the caller gets the error now.
 */
export const nextDelayMs = (
  outcome: AttemptOutcome,
  attempt: number,
  elapsedMs: number,
  policy: RetryPolicy,
  nowMs: number,
  random: () => number,
): number | null => {
  if (attempt >= policy.attempts || !isRetryable(outcome, policy)) return null;
  const retryAfter = outcome.kind === "status" ? parseRetryAfter(outcome.retryAfter, nowMs) : null;
  const delay = retryAfter ?? backoffMs(attempt, policy, random);
  return elapsedMs + delay >= policy.deadlineMs ? null : delay;
};

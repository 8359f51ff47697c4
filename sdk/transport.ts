/**
 * The one place that calls `fetch`. It signs each attempt afresh, bounds each attempt by a timeout
 * and all of them by a deadline, retries by `retry.ts`'s decision, and classifies the final answer
 * into a `CocError` or a response body. Everything it needs is injected, so tests can drive it.
 */
import type * as http from "node:http";
import * as E from "fp-ts/Either";
import type * as TE from "fp-ts/TaskEither";
import type { CocError, RequestInfo, ResponseInfo } from "./errors";
import { ErrorBody } from "./codecs";
import { parseJsonLossless } from "./json";
import type { AttemptOutcome, RetryPolicy } from "./retry";
import type { RequestBudget } from "./budget";
import { nextDelayMs, parseRetryAfter } from "./retry";

/** The slice of node-fetch (v2) the transport uses; `timeout` bounds the wait for response headers. */
export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    agent?: http.Agent;
    timeout?: number;
    signal?: AbortSignal;
  },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  body?: { destroy?(): void } | null;
}>;

export interface TransportContext {
  readonly fetch: FetchLike;
  /** The keep-alive agent (proxying or not) for the client's one origin. */
  readonly agent: http.Agent | undefined;
  /** Headers for one attempt (signature, date, tokens), computed at that attempt's time. */
  readonly authorize: (req: HttpRequest, now: Date) => Record<string, string>;
  readonly retry: RetryPolicy;
  /** The process's request budget, when it has one: every attempt waits for it. */
  readonly budget: RequestBudget | undefined;
  readonly userAgent: string;
  readonly now: () => number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

export interface HttpRequest {
  readonly operation: string;
  readonly executeUuid: string | null;
  readonly method: "GET" | "PUT" | "POST";
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface HttpResponse {
  readonly info: ResponseInfo;
  readonly text: string;
}

const noRelease = (): void => {};

/** COC's "order does not exist": a 400 that means 404. */
export const NOT_FOUND_CODES: readonly string[] = ["COC.00040709"];

interface ErrorDetails {
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

export const readErrorBody = (text: string): ErrorDetails => {
  const parsed = parseJsonLossless(text);
  if (E.isLeft(parsed)) return { errorCode: null, errorMessage: text.trim() === "" ? null : summarize(text) };
  const body = ErrorBody.decode(parsed.right);
  if (E.isLeft(body)) return { errorCode: null, errorMessage: null };
  const b = body.right;
  return {
    errorCode: b.error_code ?? b.code ?? b.error?.code ?? null,
    errorMessage: b.error_msg ?? b.message ?? b.error?.message ?? null,
  };
};

/** Non-JSON error bodies are often HTML pages: keep a short, tag-free hint of them. */
const summarize = (text: string): string => {
  const plain = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return plain.length > 120 ? `${plain.slice(0, 120)}…` : plain;
};

type ResponseErrorTag = "NotFound" | "Auth" | "Throttled" | "Server" | "BadRequest";

export const classifyStatus = (status: number, errorCode: string | null): ResponseErrorTag | null => {
  if (status >= 200 && status < 300) return null;
  if (status === 404 || (status === 400 && errorCode !== null && NOT_FOUND_CODES.includes(errorCode))) return "NotFound";
  if (status === 401 || status === 403) return "Auth";
  if (status === 429) return "Throttled";
  if (status >= 500) return "Server";
  return "BadRequest";
};

const errorCodeOf = (e: unknown): string | null => {
  const code = (e as { code?: unknown; errno?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  // node-fetch reports a reset mid-response as a plain FetchError.
  return e instanceof Error && /socket hang up|premature close|ECONNRESET/i.test(e.message) ? "ECONNRESET" : null;
};

const describeNetworkError = (e: unknown): string => {
  const message = e instanceof Error ? e.message : String(e);
  const code = errorCodeOf(e);
  return code !== null && !message.includes(code) ? `${code}: ${message}` : message;
};

type Attempt =
  | { readonly kind: "response"; readonly status: number; readonly retryAfter: string | null; readonly requestId: string | null; readonly text: string }
  | { readonly kind: "network"; readonly error: unknown }
  | { readonly kind: "timeout" }
  | { readonly kind: "cancelled" };

const STALLED = Symbol("stalled");

/** node-fetch's own timeouts (for headers, and for a body when set) are FetchErrors of these types. */
const isFetchTimeout = (e: unknown): boolean => {
  const type = (e as { type?: unknown } | null)?.type;
  return type === "request-timeout" || type === "body-timeout";
};

// A timer rather than an AbortController for the timeout: on Node 20 an AbortSignal per request costs
// more than everything else the transport does (measured by bench:sdk at concurrency 16). A caller's
// own signal, when there is one, is passed through: aborting it ends the attempt at once.
const attemptOnce = async (ctx: TransportContext, req: HttpRequest, timeoutMs: number, signal: AbortSignal | undefined): Promise<Attempt> => {
  const started = ctx.now();
  const headers = { ...req.headers, "User-Agent": ctx.userAgent, ...ctx.authorize(req, new Date(started)) };
  let timer: NodeJS.Timeout | undefined;
  try {
    const res = await ctx.fetch(req.url.href, {
      method: req.method,
      headers,
      body: req.method === "GET" ? undefined : req.body,
      agent: ctx.agent,
      timeout: timeoutMs,
      signal,
    });
    // The body shares the attempt's budget: a server that stalls mid-body is as dead as one that never answers.
    const stalled = new Promise<typeof STALLED>((resolve) => {
      timer = setTimeout(() => resolve(STALLED), Math.max(1, Math.ceil(timeoutMs - (ctx.now() - started))));
    });
    const text = await Promise.race([res.text(), stalled]);
    if (text === STALLED) {
      res.body?.destroy?.();
      return { kind: "timeout" };
    }
    return {
      kind: "response",
      status: res.status,
      retryAfter: res.headers.get("retry-after"),
      requestId: res.headers.get("x-request-id"),
      text,
    };
  } catch (error) {
    if (signal?.aborted) return { kind: "cancelled" };
    return isFetchTimeout(error) ? { kind: "timeout" } : { kind: "network", error };
  } finally {
    clearTimeout(timer);
  }
};

const outcomeOf = (a: Exclude<Attempt, { kind: "cancelled" }>): AttemptOutcome =>
  a.kind === "response"
    ? { kind: "status", status: a.status, retryAfter: a.retryAfter }
    : a.kind === "network"
      ? { kind: "network", code: errorCodeOf(a.error) }
      : { kind: "timeout" };

/** One attempt's result as the caller sees it: a 2xx response, or a classified error. */
const settle = (result: Exclude<Attempt, { kind: "cancelled" }>, info: RequestInfo, timeoutMs: number, policy: RetryPolicy): E.Either<CocError, HttpResponse> => {
  switch (result.kind) {
    case "timeout": {
      // An attempt cut short by the deadline reports the deadline: that is the bound the caller set.
      const byDeadline = timeoutMs < policy.attemptTimeoutMs;
      return E.left({ _tag: "Timeout", scope: byDeadline ? "deadline" : "attempt", timeoutMs: byDeadline ? policy.deadlineMs : timeoutMs, ...info });
    }
    case "network":
      return E.left({ _tag: "Network", cause: describeNetworkError(result.error), ...info });
    case "response": {
      const ok = result.status >= 200 && result.status < 300;
      const details = ok ? { errorCode: null, errorMessage: null } : readErrorBody(result.text);
      const response: ResponseInfo = { ...info, httpStatus: result.status, requestId: result.requestId, ...details };
      const tag = classifyStatus(result.status, details.errorCode);
      return tag === null ? E.right({ info: response, text: result.text }) : E.left({ _tag: tag, ...response });
    }
  }
};

/**
 * Sends `req`, retrying as the policy allows. Right: a 2xx response. Left: the last failure,
 * classified, or `Cancelled` as soon as `signal` aborts (in an attempt or between attempts).
 */
export const send =
  (ctx: TransportContext, req: HttpRequest, signal?: AbortSignal): TE.TaskEither<CocError, HttpResponse> =>
  async () => {
    const policy = ctx.retry;
    const queued = ctx.now();
    /** When the first attempt got its turn: the deadline does not count the wait in the budget's queue. */
    let started: number | undefined;
    const cancelled = (): E.Either<CocError, never> =>
      E.left({ _tag: "Cancelled", executeUuid: req.executeUuid, operation: req.operation, elapsedMs: ctx.now() - queued, lastStatus: null });
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) return cancelled();
      const release = ctx.budget === undefined ? noRelease : await ctx.budget.acquire(signal);
      if (release === null) return cancelled();
      started ??= ctx.now();
      const timeoutMs = Math.max(1, Math.min(policy.attemptTimeoutMs, policy.deadlineMs - (ctx.now() - started)));
      const result = await attemptOnce(ctx, req, timeoutMs, signal);
      release();
      if (result.kind === "cancelled") return cancelled();
      const info: RequestInfo = { executeUuid: req.executeUuid, operation: req.operation, method: req.method, url: req.url.href, attempts: attempt };
      const settled = settle(result, info, timeoutMs, policy);
      if (E.isRight(settled)) return settled;
      const delay = nextDelayMs(outcomeOf(result), attempt, ctx.now() - started, policy, ctx.now(), ctx.random);
      // Throttling is about the account, not this request: everyone waits as long as this one will.
      if (result.kind === "response" && result.status === 429) ctx.budget?.pause(delay ?? parseRetryAfter(result.retryAfter, ctx.now()) ?? 0);
      if (delay === null) return settled;
      await ctx.sleep(delay, signal);
    }
  };

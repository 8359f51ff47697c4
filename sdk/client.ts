/**
 * The COC client: options normalized once into a transport context, then operations as TaskEithers.
 * Credentials live only inside the `authorize` closure, never on an enumerable property.
 */
import * as E from "fp-ts/Either";
import { pipe } from "fp-ts/function";
import * as TE from "fp-ts/TaskEither";
import type * as t from "io-ts";
import nodeFetch from "node-fetch";
import type { ListScriptOrdersResponse, ScriptOrderSummaryRaw } from "./codecs";
import type { RequestBudget } from "./budget";
import { ShowScriptOrderResponse, ListScriptOrdersResponse as ListCodec } from "./codecs";
import type { CredentialOptions, Credentials, Env } from "./credentials";
import { resolveCredentials } from "./credentials";
import { decodeBody } from "./decode";
import type { EndpointOptions } from "./endpoints";
import { resolveEndpoint } from "./endpoints";
import type { CocError } from "./errors";
import { invalidInput } from "./errors";
import type { ScriptOrder, ScriptOrderSummary } from "./model";
import { normalizeScriptOrder, normalizeScriptOrderSummary } from "./model";
import { agentFor } from "./proxy";
import type { RetryPolicy } from "./retry";
import { DEFAULT_RETRY_POLICY } from "./retry";
import { encodeStrict, sign, signingKey } from "./signer";
import type { FetchLike, HttpRequest, HttpResponse, TransportContext } from "./transport";
import { send } from "./transport";
import { validateExecuteUuid } from "./validate";
import { VERSION } from "./version";

export interface ClientOptions extends CredentialOptions, EndpointOptions {
  /** Overrides of the retry policy (see `DEFAULT_RETRY_POLICY` for the defaults). */
  readonly retry?: Partial<RetryPolicy>;
  /** `X-Language` for error messages from the API. Default: none sent. */
  readonly language?: "zh-cn" | "en-us";
  /** Appended to the User-Agent, e.g. `my-pipeline/1.2`. */
  readonly userAgent?: string;
  /** Where environment variables are read from. Default `process.env`. */
  readonly env?: Env;
  /** Default node-fetch. */
  readonly fetch?: FetchLike;
  /** The limiter this client's requests share with others (`createRequestBudget`). Default: none. */
  readonly budget?: RequestBudget;
}

export interface CocClient {
  readonly endpoint: URL;
  readonly context: TransportContext;
  /** Headers every request sends (besides authorization), fixed at creation. */
  readonly headers: Readonly<Record<string, string>>;
}

const authorizer = (creds: Credentials) => {
  const key = creds.kind === "aksk" ? signingKey(creds.secretKey) : null;
  return (req: HttpRequest, now: Date): Record<string, string> => {
    const extra: Record<string, string> = {};
    if (creds.domainId !== null) extra["X-Domain-Id"] = creds.domainId;
    if (creds.kind === "token") return { ...extra, "X-Auth-Token": creds.authToken };
    if (creds.securityToken !== null) extra["X-Security-Token"] = creds.securityToken;
    const signature = sign({
      method: req.method,
      url: req.url,
      headers: { ...req.headers, ...extra },
      body: req.body,
      accessKey: creds.accessKey,
      secretKey: key ?? creds.secretKey,
      date: now,
    });
    return { ...extra, ...signature.headers };
  };
};

const validRetry = (r: RetryPolicy): E.Either<CocError, RetryPolicy> => {
  if (!Number.isInteger(r.attempts) || r.attempts < 1 || r.attempts > 20) return E.left(invalidInput("retry.attempts", "must be an integer from 1 to 20"));
  for (const key of ["baseDelayMs", "maxDelayMs", "deadlineMs", "attemptTimeoutMs"] as const) {
    if (!Number.isFinite(r[key]) || r[key] < 0) return E.left(invalidInput(`retry.${key}`, "must be a non-negative number"));
  }
  if (r.attemptTimeoutMs < 1 || r.deadlineMs < 1) return E.left(invalidInput("retry", "timeouts must be at least 1 ms"));
  return E.right(r);
};

/** Resolves after `ms`, or as soon as `signal` aborts, leaving no timer or listener behind. */
export const abortableSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

export const createClient = (opts: ClientOptions = {}): E.Either<CocError, CocClient> => {
  const env = opts.env ?? process.env;
  return pipe(
    E.Do,
    E.apS("endpoint", resolveEndpoint(opts, env)),
    E.apS("credentials", resolveCredentials(opts, env)),
    E.apS("retry", validRetry({ ...DEFAULT_RETRY_POLICY, ...opts.retry })),
    E.map(({ endpoint, credentials, retry }) => {
      const headers: Record<string, string> = { Accept: "application/json" };
      if (opts.language !== undefined) headers["X-Language"] = opts.language;
      return {
        endpoint,
        headers,
        context: {
          fetch: opts.fetch ?? (nodeFetch as unknown as FetchLike),
          // Every request goes to the same origin: its agent (and proxy) is chosen once.
          agent: agentFor(endpoint, env),
          authorize: authorizer(credentials),
          retry,
          budget: opts.budget,
          userAgent: `pulumi-huaweicloud-coc/${VERSION} node/${process.versions.node}${opts.userAgent ? ` ${opts.userAgent}` : ""}`,
          now: Date.now,
          sleep: abortableSleep,
          random: Math.random,
        },
      };
    }),
  );
};

/** The same client with every request bounded to finish within `ms` (used by waits near their end). */
export const withDeadline = (client: CocClient, ms: number): CocClient => {
  const r = client.context.retry;
  const deadlineMs = Math.max(1, Math.min(r.deadlineMs, ms));
  return { ...client, context: { ...client.context, retry: { ...r, deadlineMs, attemptTimeoutMs: Math.min(r.attemptTimeoutMs, deadlineMs) } } };
};

const request = (client: CocClient, operation: string, executeUuid: string | null, path: string, query: Record<string, string> = {}): HttpRequest => {
  // Encoded as the signer canonicalizes (%20, never `+`), so gateway and client agree on every byte.
  const search = Object.entries(query)
    .map(([k, v]) => `${encodeStrict(k)}=${encodeStrict(v)}`)
    .join("&");
  const url = new URL(`${client.endpoint.origin}${client.endpoint.pathname.replace(/\/+$/, "")}${path}${search === "" ? "" : `?${search}`}`);
  return { operation, executeUuid, method: "GET", url, headers: client.headers, body: "" };
};

const decodeResponse =
  <A>(codec: t.Decoder<unknown, A>) =>
  (res: HttpResponse): E.Either<CocError, A> =>
    pipe(
      decodeBody(codec, res.text),
      E.mapLeft((f): CocError => ({ _tag: "Decode", ...res.info, ...f })),
    );

/** One read of an order with what the edges need to cite it. */
export interface ScriptOrderReading {
  readonly order: ScriptOrder;
  readonly requestId: string | null;
}

/** ShowScriptOrder: `GET /v1/job/script/orders/{execute_uuid}`, decoded into the normalized model. */
export const readScriptOrder = (client: CocClient, executeUuid: string, signal?: AbortSignal): TE.TaskEither<CocError, ScriptOrderReading> =>
  pipe(
    TE.fromEither(validateExecuteUuid(executeUuid)),
    TE.chain((uuid) =>
      send(client.context, request(client, "get script order", uuid, `/v1/job/script/orders/${encodeURIComponent(uuid)}`), signal),
    ),
    TE.chainEitherK((res) =>
      pipe(
        decodeResponse(ShowScriptOrderResponse)(res),
        E.map((body) => ({ order: normalizeScriptOrder(body.data), requestId: res.info.requestId })),
      ),
    ),
  );

export const getScriptOrder = (client: CocClient, executeUuid: string, signal?: AbortSignal): TE.TaskEither<CocError, ScriptOrder> =>
  pipe(
    readScriptOrder(client, executeUuid, signal),
    TE.map((r) => r.order),
  );

export interface ListScriptOrdersQuery {
  /** Page size, 1-100. Default 50. */
  readonly limit?: number;
  /** Stop after this many orders. Default: all. */
  readonly maxItems?: number;
  readonly startTime?: Date;
  readonly endTime?: Date;
  readonly creator?: string;
  readonly status?: string;
  readonly nameLike?: string;
  /** Ends the listing (with a `Cancelled` error) when aborted. */
  readonly signal?: AbortSignal;
}

const listQuery = (q: ListScriptOrdersQuery): E.Either<CocError, Record<string, string>> => {
  const limit = q.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return E.left(invalidInput("limit", "must be an integer from 1 to 100"));
  if (q.maxItems !== undefined && (!Number.isInteger(q.maxItems) || q.maxItems < 1)) return E.left(invalidInput("maxItems", "must be a positive integer"));
  const out: Record<string, string> = { limit: String(limit) };
  for (const [key, date] of [["start_time", q.startTime], ["end_time", q.endTime]] as const) {
    if (date === undefined) continue;
    if (Number.isNaN(date.getTime())) return E.left(invalidInput(key, "is not a valid date"));
    out[key] = String(date.getTime());
  }
  if (q.creator) out.creator = q.creator;
  if (q.status) out.status = q.status;
  if (q.nameLike) out.name_like = q.nameLike;
  return E.right(out);
};

type ListPage = ListScriptOrdersResponse["data"];

const fetchPage = (client: CocClient, query: Record<string, string>, signal: AbortSignal | undefined): TE.TaskEither<CocError, ListPage> =>
  pipe(
    send(client.context, request(client, "list script orders", null, "/v1/job/script/orders", query), signal),
    TE.chainEitherK(decodeResponse(ListCodec)),
    TE.map((body) => body.data),
  );

/**
 * ListScriptOrders with marker paging (marker = the last `order_id`), as an async iterator.
 * Each item is an Either; after a Left the iteration ends.
 */
export async function* listScriptOrders(
  client: CocClient,
  q: ListScriptOrdersQuery = {},
): AsyncGenerator<E.Either<CocError, ScriptOrderSummary>, void, undefined> {
  const base = listQuery(q);
  if (E.isLeft(base)) {
    yield base;
    return;
  }
  const limit = Number(base.right.limit);
  let marker: string | null = null;
  let seen = 0;
  for (;;) {
    const page: E.Either<CocError, ListPage> = await fetchPage(client, marker === null ? base.right : { ...base.right, marker }, q.signal)();
    if (E.isLeft(page)) {
      yield page;
      return;
    }
    const items: ScriptOrderSummaryRaw[] = page.right.data ?? [];
    for (const raw of items) {
      yield E.right(normalizeScriptOrderSummary(raw));
      if (q.maxItems !== undefined && ++seen >= q.maxItems) return;
    }
    const last: string | null | undefined = items[items.length - 1]?.order_id;
    // A short page, or one we cannot continue from, is the last one.
    if (items.length < limit || last == null || last === marker) return;
    marker = last;
  }
}

/** All of `listScriptOrders` as one array, or its first error. */
export const listAllScriptOrders =
  (client: CocClient, q: ListScriptOrdersQuery = {}): TE.TaskEither<CocError, ScriptOrderSummary[]> =>
  async () => {
    const out: ScriptOrderSummary[] = [];
    for await (const item of listScriptOrders(client, q)) {
      if (E.isLeft(item)) return item;
      out.push(item.right);
    }
    return E.right(out);
  };

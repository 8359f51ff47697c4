/**
 * A COC API on loopback: the show and list endpoints with Huawei-style errors and request ids,
 * signature checks, order lifecycles and injected faults, plus an admin API under `/__emulator/`
 * for tests (register orders, read the request log).
 */
import { randomBytes } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as E from "fp-ts/Either";
import type { Fault, OrderFixture } from "./fixtures";
import { FixtureFile } from "./fixtures";
import type { OrderState } from "./orders";
import { encodeWithRawNumbers, newOrderState, rawNumber, showBody, snapshot, summary } from "./orders";
import { verifySignature } from "./verify";

export interface EmulatorCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
  /** Accepted in `X-Auth-Token` instead of a signature. */
  readonly authToken: string;
}

/** Test-only credentials: they open nothing but this emulator. */
export const DEFAULT_CREDENTIALS: EmulatorCredentials = {
  accessKey: "EMULATORAK0000000001",
  secretKey: "emulator-sk-not-a-real-secret-0001",
  authToken: "emulator-iam-token-0001",
};

export interface EmulatorOptions {
  readonly port?: number;
  readonly host?: string;
  readonly orders?: readonly OrderFixture[];
  readonly credentials?: EmulatorCredentials;
  /** The emulator's clock; tests may skew it. Default Date.now. */
  readonly now?: () => number;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  readonly tls?: { readonly key: string; readonly cert: string };
  /**
   * Throttle like the API gateway: at most `perSecond` requests a second per access key, with bursts
   * of `burst` (default `perSecond`); beyond that, 429 APIG.0308 with a Retry-After.
   */
  readonly rateLimit?: RateLimit;
}

export interface RateLimit {
  readonly perSecond: number;
  readonly burst?: number;
}

export interface RequestLogEntry {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly requestId: string;
  readonly accessKey: string | null;
  readonly fault: Fault["kind"] | null;
  readonly signedHeaders: string | null;
}

export interface Emulator {
  readonly url: string;
  readonly credentials: EmulatorCredentials;
  addOrders(orders: readonly OrderFixture[]): void;
  requests(): readonly RequestLogEntry[];
  clearRequests(): void;
  stop(): Promise<void>;
}

const newRequestId = (): string => randomBytes(16).toString("hex");

const readBody = (req: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

/** Newest first; ids are int64, so compare them exactly. */
const byIdDescending = (x: string, y: string): number =>
   /^\d+$/.test(x) && /^\d+$/.test(y) ? (BigInt(y) > BigInt(x) ? 1 : BigInt(y) < BigInt(x) ? -1 : 0) : y.localeCompare(x);

const SHOW_PATH = /^\/v1\/job\/script\/orders\/([^/]+)$/;
const WRITE_PATHS = [/^\/v1\/job\/script\/orders\/[^/]+\/operation$/, /^\/v1\/job\/scripts\/[^/]+$/];

export const startEmulator = async (opts: EmulatorOptions = {}): Promise<Emulator> => {
  const now = opts.now ?? Date.now;
  const creds = opts.credentials ?? DEFAULT_CREDENTIALS;
  const orders = new Map<string, OrderState>();
  const log: RequestLogEntry[] = [];
  let nextOrderId = 1_000;

  // A token bucket per caller: full at first, refilled at `perSecond`.
  const buckets = new Map<string, { tokens: number; at: number }>();
  const overLimit = (caller: string): number | null => {
    const limit = opts.rateLimit;
    if (limit === undefined) return null;
    const capacity = limit.burst ?? limit.perSecond;
    const t = now();
    const b = buckets.get(caller) ?? { tokens: capacity, at: t };
    b.tokens = Math.min(capacity, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
    b.at = t;
    buckets.set(caller, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond));
  };

  const addOrders = (fixtures: readonly OrderFixture[]): void => {
    for (const f of fixtures) orders.set(f.execute_uuid, newOrderState(f, f.order_id ?? String(nextOrderId++), now()));
  };
  addOrders(opts.orders ?? []);

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL, requestId: string): Promise<Omit<RequestLogEntry, "time" | "method" | "path" | "query" | "requestId">> => {
    const body = await readBody(req);
    const send = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": "application/json;charset=UTF-8", "X-Request-Id": requestId, ...headers });
      res.end(text);
    };
    const fail = (status: number, code: string, msg: string) => send(status, JSON.stringify({ error_code: code, error_msg: msg, request_id: requestId }));
    const signedHeaders = /SignedHeaders=([^,\s]+)/.exec(String(req.headers.authorization ?? ""))?.[1] ?? null;

    // Authentication: an IAM token, or a signature that verifies.
    let accessKey: string | null = null;
    if (req.headers["x-auth-token"] !== undefined && req.headers.authorization === undefined) {
      if (req.headers["x-auth-token"] !== creds.authToken) {
        fail(401, "APIG.1002", "Incorrect token or token resolution failed");
        return { status: 401, accessKey, fault: null, signedHeaders };
      }
    } else {
      const verdict = verifySignature(req, body, (ak) => (ak === creds.accessKey ? creds.secretKey : undefined), now());
      if (!verdict.ok) {
        fail(401, verdict.code, verdict.message);
        return { status: 401, accessKey, fault: null, signedHeaders };
      }
      accessKey = verdict.accessKey;
    }

    const retryAfter = overLimit(accessKey ?? "token");
    if (retryAfter !== null) {
      send(429, JSON.stringify({ error_code: "APIG.0308", error_msg: "The request is throttled" }), { "Retry-After": String(retryAfter) });
      return { status: 429, accessKey, fault: "throttle", signedHeaders };
    }

    const path = url.pathname;
    if (WRITE_PATHS.some((p) => p.test(path)) && (req.method === "PUT" || req.method === "POST")) {
      send(200, JSON.stringify({ data: "success" }));
      return { status: 200, accessKey, fault: null, signedHeaders };
    }
    if (req.method !== "GET") {
      fail(405, "APIG.0101", "The API does not exist or has not been published in the environment");
      return { status: 405, accessKey, fault: null, signedHeaders };
    }

    const show = SHOW_PATH.exec(path);
    if (show) {
      const uuid = decodeURIComponent(show[1]);
      const state = orders.get(uuid);
      if (state === undefined) {
        fail(400, "COC.00040709", `script order ${uuid} does not exist`);
        return { status: 400, accessKey, fault: null, signedHeaders };
      }
      const fault = state.faults.shift() ?? null;
      const result = (status: number) => ({ status, accessKey, fault: fault?.kind ?? null, signedHeaders });
      switch (fault?.kind) {
        case "reset":
          req.socket.destroy();
          return result(0);
        case "throttle":
          send(429, JSON.stringify({ error_code: "APIG.0308", error_msg: "The request is throttled" }), fault.retry_after ? { "Retry-After": fault.retry_after } : {});
          return result(429);
        case "server_error": {
          const status = fault.status ?? 503;
          res.writeHead(status, { "Content-Type": "text/html", "X-Request-Id": requestId });
          res.end(`<html><head><title>${status}</title></head><body><h1>${status} Service Temporarily Unavailable</h1><hr>gateway</body></html>`);
          return result(status);
        }
        case "malformed":
          send(200, "<html><body>upstream returned garbage</body></html>");
          return result(200);
        case "delay":
          await new Promise((r) => setTimeout(r, fault.delay_ms ?? 1_000));
          if (req.socket.destroyed) return result(0);
          break;
        default:
          break;
      }
      const t = now();
      const text = state.fixture.raw_body ?? showBody(state, snapshot(state, t, true), t);
      send(200, fault?.kind === "truncated" ? text.slice(0, Math.floor(text.length / 2)) : text);
      return result(200);
    }

    if (path === "/v1/job/script/orders") {
      const q = url.searchParams;
      const limit = Math.min(100, Math.max(1, Number(q.get("limit") ?? 10) || 10));
      const t = now();
      const start = q.has("start_time") ? Number(q.get("start_time")) : -Infinity;
      const end = q.has("end_time") ? Number(q.get("end_time")) : Infinity;
      const all = [...orders.values()]
        .map((s) => summary(s, snapshot(s, t, false), t))
        .filter((o) => (!q.get("status") || o.status === q.get("status")) && (!q.get("creator") || o.creator === q.get("creator")))
        .filter((o) => !q.get("name_like") || o.order_name.includes(q.get("name_like") ?? ""))
        .filter((o) => o.gmt_created >= start && o.gmt_created <= end)
        .sort((a, b) => byIdDescending(a.order_id, b.order_id));
      const marker = q.get("marker");
      const from = marker === null ? 0 : all.findIndex((o) => o.order_id === marker) + 1;
      send(200, encodeWithRawNumbers({ data: { total: all.length, data: all.slice(from, from + limit).map((o) => ({ ...o, order_id: rawNumber(o.order_id) })) } }));
      return { status: 200, accessKey, fault: null, signedHeaders };
    }

    fail(404, "APIG.0101", "The API does not exist or has not been published in the environment");
    return { status: 404, accessKey, fault: null, signedHeaders };
  };

  const handleAdmin = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(value));
    };
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /__emulator/health") return json(200, { ok: true });
    if (route === "GET /__emulator/requests") return json(200, log);
    if (route === "DELETE /__emulator/requests") {
      log.length = 0;
      return json(200, { ok: true });
    }
    if (route === "POST /__emulator/orders") {
      let parsed: unknown;
      try {
        parsed = JSON.parse((await readBody(req)).toString("utf8"));
      } catch {
        return json(400, { error: "body is not JSON" });
      }
      const file = FixtureFile.decode(parsed);
      if (E.isLeft(file)) return json(400, { error: "body is not a fixture file ({orders: [...]})" });
      addOrders(file.right.orders);
      return json(200, { ok: true, orders: file.right.orders.length });
    }
    json(404, { error: `no admin route ${route}` });
  };

  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    if (url.pathname.startsWith("/__emulator/")) {
      handleAdmin(req, res, url).catch(() => res.destroy());
      return;
    }
    const requestId = newRequestId();
    handleApi(req, res, url, requestId)
      .then((r) =>
        log.push({
          time: new Date(now()).toISOString(),
          method: req.method ?? "GET",
          path: url.pathname,
          query: url.search,
          requestId,
          ...r,
        }),
      )
      .catch(() => res.destroy());
  };
  const server = opts.tls === undefined ? http.createServer(handler) : https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `${opts.tls === undefined ? "http" : "https"}://${address}:${port}`,
    credentials: creds,
    addOrders,
    requests: () => [...log],
    clearRequests: () => {
      log.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/**
 * The gateway side of SDK-HMAC-SHA256, written from the spec and not from `sdk/signer.ts`, so that
 * the two can catch each other's mistakes. It works on the request exactly as received: raw path,
 * raw query string and header values off the wire.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const MAX_SKEW_MS = 15 * 60 * 1000;

export type Verdict =
  | { ok: true; accessKey: string }
  | { ok: false; code: string; message: string };

const UNRESERVED = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".split("").map((c) => c.charCodeAt(0)));

/** Percent-encode bytes, one by one. */
const percentEncode = (text: string): string => {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    out += UNRESERVED.has(byte) ? String.fromCharCode(byte) : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
};

const percentDecode = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, "%20"));
  } catch {
    return text;
  }
};

const canonicalPath = (rawPath: string): string => {
  const segments = rawPath.split("/").map((s) => percentEncode(percentDecode(s)));
  const joined = segments.join("/");
  return joined.charAt(joined.length - 1) === "/" ? joined : joined + "/";
};

const canonicalQueryString = (rawQuery: string): string => {
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    pairs.push(eq < 0 ? [percentDecode(part), ""] : [percentDecode(part.slice(0, eq)), percentDecode(part.slice(eq + 1))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => percentEncode(k) + "=" + percentEncode(v)).join("&");
};

const parseAuthorization = (value: string): { access: string; signedHeaders: string[]; signature: string } | null => {
  const m = /^SDK-HMAC-SHA256\s+(.*)$/.exec(value.trim());
  if (!m) return null;
  const fields: Record<string, string> = {};
  for (const item of m[1].split(",")) {
    const eq = item.indexOf("=");
    if (eq > 0) fields[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  if (!fields.Access || !fields.SignedHeaders || !fields.Signature) return null;
  return { access: fields.Access, signedHeaders: fields.SignedHeaders.split(";"), signature: fields.Signature };
};

/** `20060102T150405Z` -> epoch ms, or NaN. */
export const parseSdkDate = (value: string): number => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
};

const headerValue = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
};

export const verifySignature = (
  req: IncomingMessage,
  body: Buffer,
  secretFor: (accessKey: string) => string | undefined,
  nowMs: number,
): Verdict => {
  const auth = parseAuthorization(headerValue(req, "authorization") ?? "");
  if (auth === null) return { ok: false, code: "APIG.0301", message: "Incorrect IAM authentication information: Authorization header is missing or malformed" };
  const secret = secretFor(auth.access);
  if (secret === undefined) return { ok: false, code: "APIG.0301", message: "Incorrect IAM authentication information: unknown access key" };
  const date = headerValue(req, "x-sdk-date") ?? "";
  const when = parseSdkDate(date);
  if (Number.isNaN(when)) return { ok: false, code: "APIG.0301", message: "Incorrect IAM authentication information: X-Sdk-Date is missing or malformed" };
  if (Math.abs(nowMs - when) > MAX_SKEW_MS) return { ok: false, code: "APIG.0301", message: "Incorrect IAM authentication information: request expired (X-Sdk-Date skew over 15 minutes)" };
  // What APIG checks, no more: x-sdk-date must be signed and every header listed must be there and
  // match. A header sent but not listed is accepted: the official Go SDK signs neither `host` nor
  // `content-type`, and the real gateway serves it.
  const signed = auth.signedHeaders.map((h) => h.toLowerCase());
  if (!signed.includes("x-sdk-date")) return { ok: false, code: "APIG.0301", message: "Incorrect IAM authentication information: x-sdk-date is not signed" };
  const missing = signed.find((h) => headerValue(req, h) === undefined);
  if (missing !== undefined) return { ok: false, code: "APIG.0301", message: `Incorrect IAM authentication information: signed header ${missing} was not sent` };
  const rawUrl = req.url ?? "/";
  const q = rawUrl.indexOf("?");
  const canonical = [
    (req.method ?? "GET").toUpperCase(),
    canonicalPath(q < 0 ? rawUrl : rawUrl.slice(0, q)),
    canonicalQueryString(q < 0 ? "" : rawUrl.slice(q + 1)),
    signed.map((h) => h + ":" + (headerValue(req, h) ?? "").trim() + "\n").join(""),
    signed.join(";"),
    createHash("sha256").update(body).digest("hex"),
  ].join("\n");
  const toSign = "SDK-HMAC-SHA256\n" + date + "\n" + createHash("sha256").update(canonical, "utf8").digest("hex");
  const expected = Buffer.from(createHmac("sha256", secret).update(toSign, "utf8").digest("hex"));
  const got = Buffer.from(auth.signature);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
    return { ok: false, code: "APIG.0301", message: "Incorrect IAM authentication information: verify aksk signature fail" };
  }
  return { ok: true, accessKey: auth.access };
};

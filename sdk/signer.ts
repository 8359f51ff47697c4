/**
 * SDK-HMAC-SHA256 request signing, as Huawei Cloud's API gateway verifies it. Pure: the caller
 * passes the clock, so the published test vectors and the emulator's checks are reproducible.
 */
import * as crypto from "node:crypto";

export const ALGORITHM = "SDK-HMAC-SHA256";

export interface SignInput {
  readonly method: string;
  readonly url: URL;
  /** Headers that will be sent; host is taken from the URL. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
  readonly accessKey: string;
  /** The secret key, or its `signingKey` prepared once (cheaper when signing many requests). */
  readonly secretKey: string | SigningKey;
  readonly date: Date;
  /** Which (lower-case) headers to sign; defaults to `isSignedHeader`. */
  readonly signHeader?: (lowerName: string) => boolean;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `20060102T150405Z` */
export const formatSdkDate = (d: Date): string =>
  `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}Z`;

const UNRESERVED_ONLY = /^[A-Za-z0-9_.~-]*$/;

/** RFC 3986 unreserved characters stay, everything else becomes upper-case `%XX` of its UTF-8 bytes. */
export const encodeStrict = (s: string): string =>
  UNRESERVED_ONLY.test(s) ? s : encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const decodeSegment = (s: string): string => {
  if (!s.includes("%")) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Each path segment encoded once (whatever encoding it arrived with), always ending in `/`. */
export const canonicalUri = (pathname: string): string => {
  const path = pathname.split("/").map((seg) => encodeStrict(decodeSegment(seg))).join("/");
  return path.endsWith("/") ? path : `${path}/`;
};

/** Keys sorted, a repeated key's values sorted, both compared before encoding as the official SDKs do. */
export const canonicalQuery = (params: URLSearchParams): string => {
  const byKey = new Map<string, string[]>();
  for (const [k, v] of params) byKey.set(k, [...(byKey.get(k) ?? []), v]);
  return [...byKey.keys()]
    .sort()
    .flatMap((k) => byKey.get(k)!.sort().map((v) => `${encodeStrict(k)}=${encodeStrict(v)}`))
    .join("&");
};

/** host, x-sdk-date, content-type and every `x-*` header are signed, so none can be swapped in transit. */
export const isSignedHeader = (lowerName: string): boolean =>
  lowerName === "host" || lowerName === "content-type" || lowerName.startsWith("x-");

// One-shot hashing (Node >= 20.12) skips building a Hash object per call: signing is on every request.
type OneShot = { (alg: string, data: string | Uint8Array, enc: "hex"): string; (alg: string, data: string | Uint8Array, enc: "buffer"): Buffer };
const oneShot = (crypto as { hash?: OneShot }).hash;

export const sha256Hex = (data: string | Uint8Array): string =>
  oneShot !== undefined ? oneShot("sha256", data, "hex") : crypto.createHash("sha256").update(data).digest("hex");

const sha256 = (data: Uint8Array): Buffer => (oneShot !== undefined ? oneShot("sha256", data, "buffer") : crypto.createHash("sha256").update(data).digest());

export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * HMAC-SHA256 (RFC 2104) with the key's inner and outer pads computed once. OpenSSL 3 makes every
 * `createHmac` fetch its algorithm anew, which costs more per request than the two hashes themselves.
 */
export interface SigningKey {
  readonly inner: Buffer;
  readonly outer: Buffer;
}

const BLOCK = 64;

export const signingKey = (secretKey: string): SigningKey => {
  let key: Buffer = Buffer.from(secretKey, "utf8");
  if (key.length > BLOCK) key = sha256(key);
  const inner = Buffer.alloc(BLOCK, 0x36);
  const outer = Buffer.alloc(BLOCK, 0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i] ^= key[i];
    outer[i] ^= key[i];
  }
  return { inner, outer };
};

export const hmacSha256Hex = (key: SigningKey, message: string): string => {
  const innerHash = sha256(Buffer.concat([key.inner, Buffer.from(message, "utf8")]));
  return sha256Hex(Buffer.concat([key.outer, innerHash]));
};

export interface Signature {
  readonly sdkDate: string;
  readonly signedHeaders: string;
  readonly canonicalRequest: string;
  readonly signature: string;
  /** The headers to add to the request: `X-Sdk-Date` and `Authorization`. */
  readonly headers: Readonly<Record<string, string>>;
}

export const sign = (input: SignInput): Signature => {
  const sdkDate = formatSdkDate(input.date);
  const all = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers)) all.set(name.toLowerCase(), value.trim());
  all.set("host", input.url.host);
  all.set("x-sdk-date", sdkDate);
  const names = [...all.keys()].filter(input.signHeader ?? isSignedHeader).sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalUri(input.url.pathname),
    input.url.search === "" ? "" : canonicalQuery(input.url.searchParams),
    names.map((n) => `${n}:${all.get(n)}\n`).join(""),
    signedHeaders,
    input.body.length === 0 ? EMPTY_BODY_SHA256 : sha256Hex(input.body),
  ].join("\n");
  const stringToSign = `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256Hex(typeof input.secretKey === "string" ? signingKey(input.secretKey) : input.secretKey, stringToSign);
  return {
    sdkDate,
    signedHeaders,
    canonicalRequest,
    signature,
    headers: {
      "X-Sdk-Date": sdkDate,
      Authorization: `${ALGORITHM} Access=${input.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
  };
};

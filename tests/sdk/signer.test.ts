import * as assert from "node:assert/strict";
import fc from "fast-check";
import { createHmac } from "node:crypto";
import { canonicalQuery, canonicalUri, encodeStrict, formatSdkDate, hmacSha256Hex, sign, signingKey } from "../../sdk/signer";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as {
  AKSKSigner: { sign(req: unknown, cred: { getAk(): string; getSk(): string }): Record<string, string> };
};

const VECTOR_DATE = new Date(Date.UTC(2006, 0, 2, 15, 4, 5));
const onlyDate = (name: string) => name === "x-sdk-date";

describe("signer", () => {
  describe("published test vectors", () => {
    it("GET with a query and an empty body", () => {
      const s = sign({
        method: "GET",
        url: new URL("https://example.huaweicloud.com/path?limit=1"),
        headers: {},
        body: "",
        accessKey: "AccessKey",
        secretKey: "SecretKey",
        date: VECTOR_DATE,
        signHeader: onlyDate,
      });
      assert.equal(s.sdkDate, "20060102T150405Z");
      assert.equal(s.signature, "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
      assert.equal(s.headers.Authorization, `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=${s.signature}`);
    });

    it("POST with a JSON body and its trailing newline", () => {
      const s = sign({
        method: "POST",
        url: new URL("https://example.huaweicloud.com/path?key=value"),
        headers: {},
        body: '{"Name":"test","Id":1}\n',
        accessKey: "AccessKey",
        secretKey: "SecretKey",
        date: VECTOR_DATE,
        signHeader: onlyDate,
      });
      assert.equal(s.signature, "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");
    });
  });

  describe("canonical parts", () => {
    it("encodes every path segment strictly and ends with a slash", () => {
      assert.equal(canonicalUri("/v1/job/script/orders/SCT-1_a.b~c"), "/v1/job/script/orders/SCT-1_a.b~c/");
      assert.equal(canonicalUri("/a%20b/c*d/"), "/a%20b/c%2Ad/");
      assert.equal(canonicalUri("/ä"), "/%C3%A4/");
    });

    it("sorts keys and repeated values, encoding both", () => {
      const q = new URLSearchParams([["b", "2"], ["a", "z"], ["a", "y"], ["c d", "!"]]);
      assert.equal(canonicalQuery(q), "a=y&a=z&b=2&c%20d=%21");
    });

    it("leaves only unreserved characters", () => {
      assert.equal(encodeStrict("AZaz09-_.~!*'() /"), "AZaz09-_.~%21%2A%27%28%29%20%2F");
    });

    it("signs host, x-sdk-date, content-type and every x-* header, with trimmed values", () => {
      const s = sign({
        method: "GET",
        url: new URL("https://coc.example.com:8443/x"),
        headers: { "X-Domain-Id": "  d1 ", Accept: "application/json", "Content-Type": " application/json;charset=UTF-8", "X-Security-Token": "tok", "User-Agent": "ua" },
        body: "",
        accessKey: "ak",
        secretKey: "sk",
        date: VECTOR_DATE,
      });
      assert.equal(s.signedHeaders, "content-type;host;x-domain-id;x-sdk-date;x-security-token");
      assert.match(s.canonicalRequest, /\ncontent-type:application\/json;charset=UTF-8\nhost:coc\.example\.com:8443\nx-domain-id:d1\n/);
      assert.doesNotMatch(s.canonicalRequest, /accept:|user-agent:/);
    });

    it("formats the date as YYYYMMDDTHHMMSSZ in UTC", () => {
      assert.equal(formatSdkDate(new Date("2023-10-22T03:52:43.469Z")), "20231022T035243Z");
    });
  });

  it("computes HMAC-SHA256 from prepared key pads exactly as createHmac does (keys short, long, unicode)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 100 }), fc.string({ unit: "grapheme", maxLength: 300 }), (key, message) => {
        assert.equal(hmacSha256Hex(signingKey(key), message), createHmac("sha256", key).update(message).digest("hex"));
      }),
      { numRuns: 500 },
    );
  });

  describe("agrees with the official Node SDK's AKSKSigner", () => {
    // The official signer takes the URL through url.parse, which escapes a few characters itself and
    // then escapes them again (space -> %2520): those, separators and dot segments are left out here.
    const segment = fc
      .oneof(fc.stringMatching(/^[A-Za-z0-9_.~-]{1,12}$/), fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }))
      .filter((s) => !/[\s"'<>\\^`{|}/?#]/.test(s) && s !== "." && s !== "..");
    const queryKey = fc.oneof(fc.stringMatching(/^[a-z_]{1,8}$/), fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }));
    const queryValue = fc.string({ unit: "grapheme", maxLength: 10 });
    const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/);
    const request = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE"),
      segments: fc.array(segment, { minLength: 1, maxLength: 5 }),
      query: fc.dictionary(queryKey, fc.oneof(queryValue, fc.array(queryValue, { minLength: 2, maxLength: 4 })), { maxKeys: 5 }),
      headers: fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,12}$/), headerValue, { maxKeys: 4 }),
      body: fc.option(fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ unit: "grapheme", maxLength: 10 }), fc.integer())), { nil: undefined }),
      date: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true }),
      ak: fc.stringMatching(/^[A-Z0-9]{8,20}$/),
      sk: fc.string({ minLength: 1, maxLength: 40 }),
    });

    it("on 1,000 generated requests (paths, repeated and unicode queries, x-* headers, bodies)", () => {
      fc.assert(
        fc.property(request, (r) => {
          const path = "/" + r.segments.map(encodeURIComponent).join("/");
          const url = new URL(`https://coc.example.com${path}`);
          for (const [k, v] of Object.entries(r.query)) for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, one);
          const body = r.body === undefined ? "" : JSON.stringify(r.body);
          const sdkDate = formatSdkDate(r.date);
          const ours = sign({ method: r.method, url, headers: r.headers, body, accessKey: r.ak, secretKey: r.sk, date: r.date });
          const theirs = AKSKSigner.sign(
            {
              method: r.method,
              // The official signer re-encodes the path it is given: hand it the decoded segments.
              endpoint: `https://coc.example.com/${r.segments.join("/")}`,
              headers: { ...r.headers, "X-Sdk-Date": sdkDate },
              queryParams: Object.fromEntries(Object.entries(r.query).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v])),
              data: r.body,
            },
            { getAk: () => r.ak, getSk: () => r.sk },
          );
          assert.equal(ours.headers.Authorization, theirs.Authorization);
        }),
        { numRuns: 1000 },
      );
    });
  });
});

import * as assert from "node:assert/strict";
import { resolveCredentials } from "../../sdk/credentials";
import { regionOverrideEnv, resolveEndpoint } from "../../sdk/endpoints";
import { backoffMs, DEFAULT_RETRY_POLICY, nextDelayMs, parseRetryAfter } from "../../sdk/retry";
import { bypassesProxy, proxyFor } from "../../sdk/proxy";
import { createClient } from "../../sdk/client";
import { left, right } from "../helpers/emulator";

describe("credentials", () => {
  const env = { HUAWEICLOUD_SDK_AK: "official-ak", HUAWEICLOUD_SDK_SK: "official-sk", HW_ACCESS_KEY: "tf-ak", HW_SECRET_KEY: "tf-sk", HW_SECURITY_TOKEN: "tf-token", HW_DOMAIN_ID: "tf-domain" };

  it("prefers explicit options, then official names, then Terraform names", () => {
    assert.deepEqual(right(resolveCredentials({ accessKey: "a", secretKey: "s" }, env)), { kind: "aksk", accessKey: "a", secretKey: "s", securityToken: null, domainId: "tf-domain" });
    assert.deepEqual(right(resolveCredentials({}, env)), { kind: "aksk", accessKey: "official-ak", secretKey: "official-sk", securityToken: "tf-token", domainId: "tf-domain" });
    assert.deepEqual(right(resolveCredentials({}, { HW_ACCESS_KEY: "tf-ak", HW_SECRET_KEY: "tf-sk" })), { kind: "aksk", accessKey: "tf-ak", secretKey: "tf-sk", securityToken: null, domainId: null });
  });

  it("never pairs an explicit key with its partner from the environment", () => {
    assert.equal(left(resolveCredentials({ accessKey: "a" }, env))._tag, "InvalidInput");
  });

  it("uses an IAM token when no keys are given explicitly", () => {
    assert.deepEqual(right(resolveCredentials({ authToken: "t" }, env)), { kind: "token", authToken: "t", domainId: "tf-domain" });
  });

  it("explains where credentials come from when there are none", () => {
    const e = left(resolveCredentials({}, {}));
    assert.ok(e._tag === "InvalidInput" && /HUAWEICLOUD_SDK_AK/.test(e.reason));
  });
});

describe("endpoints", () => {
  it("maps regions, defaulting to cn-north-4", () => {
    assert.equal(right(resolveEndpoint({}, {})).origin, "https://coc.myhuaweicloud.com");
    assert.equal(right(resolveEndpoint({ region: "ap-southeast-3" }, {})).origin, "https://coc-intl.myhuaweicloud.com");
    assert.equal(right(resolveEndpoint({}, { HW_REGION_NAME: "eu-west-101" })).origin, "https://coc-eu-west-101-open-api.myhuaweicloud.eu");
  });

  it("honours the official per-region override variable", () => {
    assert.equal(regionOverrideEnv("cn-north-4"), "HUAWEICLOUD_SDK_REGION_COC_CN_NORTH_4");
    assert.equal(right(resolveEndpoint({}, { HUAWEICLOUD_SDK_REGION_COC_CN_NORTH_4: "http://127.0.0.1:9999" })).href, "http://127.0.0.1:9999/");
  });

  it("lets an explicit endpoint win", () => {
    assert.equal(right(resolveEndpoint({ endpoint: "https://coc.example.com/prefix", region: "nowhere" }, {})).href, "https://coc.example.com/prefix");
  });

  it("allows plain http only to loopback", () => {
    assert.equal(left(resolveEndpoint({ endpoint: "http://coc.example.com" }, {}))._tag, "InvalidInput");
    for (const ok of ["http://127.0.0.1:1", "http://localhost:2", "http://[::1]:3"]) right(resolveEndpoint({ endpoint: ok }, {}));
  });

  it("rejects unknown regions with the known ones listed", () => {
    const e = left(resolveEndpoint({ region: "mars-1" }, {}));
    assert.ok(e._tag === "InvalidInput" && /cn-north-4/.test(e.reason) && /HUAWEICLOUD_SDK_REGION_COC_MARS_1/.test(e.reason));
  });
});

describe("retry defaults", () => {
  it("a client made without retry options gets 5 attempts, 15 s per attempt and a 60 s deadline", () => {
    const client = right(createClient({ endpoint: "https://coc.example.com", accessKey: "ak", secretKey: "sk", env: {} }));
    assert.deepEqual(client.context.retry, {
      attempts: 5,
      statuses: [429, 500, 502, 503, 504],
      baseDelayMs: 500,
      maxDelayMs: 8_000,
      deadlineMs: 60_000,
      attemptTimeoutMs: 15_000,
    });
  });

  it("a partial override keeps the other defaults", () => {
    const client = right(createClient({ endpoint: "https://coc.example.com", accessKey: "ak", secretKey: "sk", env: {}, retry: { attempts: 2 } }));
    assert.deepEqual([client.context.retry.attempts, client.context.retry.deadlineMs, client.context.retry.attemptTimeoutMs], [2, 60_000, 15_000]);
  });
});

describe("retry decisions", () => {
  const p = { ...DEFAULT_RETRY_POLICY, deadlineMs: 10_000 };
  const half = () => 0.5;

  it("retries only the allow-listed statuses and error codes", () => {
    for (const status of [429, 500, 502, 503, 504]) assert.notEqual(nextDelayMs({ kind: "status", status, retryAfter: null }, 1, 0, p, 0, half), null);
    for (const status of [400, 401, 403, 404, 409, 501]) assert.equal(nextDelayMs({ kind: "status", status, retryAfter: null }, 1, 0, p, 0, half), null);
    assert.notEqual(nextDelayMs({ kind: "network", code: "ECONNRESET" }, 1, 0, p, 0, half), null);
    assert.equal(nextDelayMs({ kind: "network", code: null }, 1, 0, p, 0, half), null);
    assert.equal(nextDelayMs({ kind: "network", code: "ERR_SOMETHING_NEW" }, 1, 0, p, 0, half), null);
  });

  it("stops at the attempt limit and at the deadline", () => {
    assert.equal(nextDelayMs({ kind: "timeout" }, p.attempts, 0, p, 0, half), null);
    assert.equal(nextDelayMs({ kind: "status", status: 429, retryAfter: "5" }, 1, 6_000, p, 0, half), null);
    assert.equal(nextDelayMs({ kind: "status", status: 429, retryAfter: "3" }, 1, 6_000, p, 0, half), 3_000);
  });

  it("uses full jitter under an exponential ceiling", () => {
    assert.equal(backoffMs(1, p, () => 0.999), 499);
    assert.equal(backoffMs(3, p, () => 0.5), 1_000);
    assert.equal(backoffMs(10, p, () => 0.999), 7_992);
    assert.equal(backoffMs(2, p, () => 0), 0);
  });

  it("parses Retry-After as seconds or an HTTP date, ignoring garbage", () => {
    assert.equal(parseRetryAfter("2", 0), 2_000);
    assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")), 5_000);
    assert.equal(parseRetryAfter("soon", 0), null);
    assert.equal(parseRetryAfter(null, 0), null);
  });
});

describe("proxies", () => {
  const url = new URL("https://coc.myhuaweicloud.com/v1");
  it("uses HTTPS_PROXY unless NO_PROXY matches", () => {
    assert.equal(proxyFor(url, { HTTPS_PROXY: "http://proxy:3128" }), "http://proxy:3128");
    assert.equal(proxyFor(url, { https_proxy: "http://proxy:3128", NO_PROXY: ".myhuaweicloud.com" }), null);
    assert.equal(proxyFor(url, { HTTPS_PROXY: "http://proxy:3128", NO_PROXY: "other.com,coc.myhuaweicloud.com:443" }), null);
    assert.equal(proxyFor(url, { HTTPS_PROXY: "http://proxy:3128", NO_PROXY: "coc.myhuaweicloud.com:8443" }), "http://proxy:3128");
  });
  it("never proxies loopback", () => {
    assert.equal(bypassesProxy(new URL("http://127.0.0.1:8080"), undefined), true);
  });
});

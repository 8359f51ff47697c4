import * as assert from "node:assert/strict";
import fetch from "node-fetch";
import { isSignedHeader, sign } from "../../sdk/signer";
import { order, useEmulator } from "../helpers/emulator";

describe("emulator signature verification", () => {
  const emu = useEmulator([order("SCTVERIFY0001")]);

  const call = async (opts: { secretKey?: string; accessKey?: string; date?: Date; headers?: Record<string, string>; signHeader?: (n: string) => boolean }) => {
    const url = new URL(`${emu.current.url}/v1/job/script/orders/SCTVERIFY0001`);
    const headers = opts.headers ?? {};
    const s = sign({
      method: "GET",
      url,
      headers,
      body: "",
      accessKey: opts.accessKey ?? emu.current.credentials.accessKey,
      secretKey: opts.secretKey ?? emu.current.credentials.secretKey,
      date: opts.date ?? new Date(),
      signHeader: opts.signHeader,
    });
    const res = await fetch(url.href, { headers: { ...headers, ...s.headers } });
    return { status: res.status, requestId: res.headers.get("x-request-id"), body: (await res.json()) as Record<string, string> };
  };

  it("accepts a correctly signed request", async () => {
    const r = await call({ headers: { "X-Domain-Id": "d1" } });
    assert.equal(r.status, 200);
    assert.match(r.requestId ?? "", /^[0-9a-f]{32}$/);
  });

  it("rejects a wrong secret key", async () => {
    const r = await call({ secretKey: "not-the-secret" });
    assert.equal(r.status, 401);
    assert.equal(r.body.error_code, "APIG.0301");
    assert.match(r.body.error_msg, /signature/);
  });

  it("rejects an unknown access key", async () => {
    const r = await call({ accessKey: "SOMEONEELSE" });
    assert.equal(r.status, 401);
    assert.match(r.body.error_msg, /unknown access key/);
  });

  it("rejects a date more than 15 minutes off, either way", async () => {
    for (const skew of [-16 * 60_000, 16 * 60_000]) {
      const r = await call({ date: new Date(Date.now() + skew) });
      assert.equal(r.status, 401);
      assert.match(r.body.error_msg, /expired/);
    }
    assert.equal((await call({ date: new Date(Date.now() - 10 * 60_000) })).status, 200);
  });

  it("rejects an x-* header that was sent but not signed", async () => {
    const r = await call({ headers: { "X-Project-Id": "p1" }, signHeader: (n) => isSignedHeader(n) && n !== "x-project-id" });
    assert.equal(r.status, 401);
    assert.match(r.body.error_msg, /x-project-id is not signed/);
  });

  it("rejects a request whose host is not signed", async () => {
    const r = await call({ signHeader: (n) => n === "x-sdk-date" });
    assert.equal(r.status, 401);
    assert.match(r.body.error_msg, /host is not signed/);
  });

  it("rejects a missing Authorization header", async () => {
    const res = await fetch(`${emu.current.url}/v1/job/script/orders/SCTVERIFY0001`);
    assert.equal(res.status, 401);
  });
});

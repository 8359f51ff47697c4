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

  it("accepts an x-* header that was sent but not signed, as APIG does", async () => {
    const r = await call({ headers: { "X-Project-Id": "p1" }, signHeader: (n) => isSignedHeader(n) && n !== "x-project-id" });
    assert.equal(r.status, 200);
  });

  it("accepts the official Go SDK's shape: host and content-type unsigned, x-sdk-date and x-domain-id signed", async () => {
    const r = await call({ headers: { "Content-Type": "application/json", "X-Domain-Id": "d1", "User-Agent": "huaweicloud-usdk-go/3.0" }, signHeader: (n) => n.startsWith("x-") });
    assert.equal(r.status, 200);
  });

  it("rejects a request whose x-sdk-date is not signed", async () => {
    const r = await call({ signHeader: (n) => n === "host" });
    assert.equal(r.status, 401);
    assert.match(r.body.error_msg, /x-sdk-date is not signed/);
  });

  it("rejects a signed header whose value changed on the way", async () => {
    const url = new URL(`${emu.current.url}/v1/job/script/orders/SCTVERIFY0001`);
    const s = sign({ method: "GET", url, headers: { "X-Domain-Id": "d1" }, body: "", accessKey: emu.current.credentials.accessKey, secretKey: emu.current.credentials.secretKey, date: new Date() });
    const res = await fetch(url.href, { headers: { ...s.headers, "X-Domain-Id": "d2" } });
    assert.equal(res.status, 401);
    assert.match(((await res.json()) as Record<string, string>).error_msg, /signature/);
  });

  it("rejects a header listed as signed that was not sent", async () => {
    const url = new URL(`${emu.current.url}/v1/job/script/orders/SCTVERIFY0001`);
    const s = sign({ method: "GET", url, headers: { "X-Project-Id": "p1" }, body: "", accessKey: emu.current.credentials.accessKey, secretKey: emu.current.credentials.secretKey, date: new Date() });
    const res = await fetch(url.href, { headers: s.headers });
    assert.equal(res.status, 401);
    assert.match(((await res.json()) as Record<string, string>).error_msg, /signed header x-project-id was not sent/);
  });

  it("rejects a body that is not the one signed", async () => {
    const url = new URL(`${emu.current.url}/v1/job/script/orders/SCTVERIFY0001/operation`);
    const headers = { "Content-Type": "application/json" };
    const signed = sign({ method: "PUT", url, headers, body: '{"operation_type":"PAUSE_ORDER"}', accessKey: emu.current.credentials.accessKey, secretKey: emu.current.credentials.secretKey, date: new Date() });
    const send = (body: string) => fetch(url.href, { method: "PUT", headers: { ...headers, ...signed.headers }, body });
    assert.equal((await send('{"operation_type":"PAUSE_ORDER"}')).status, 200);
    const tampered = await send('{"operation_type":"CANCEL_ORDER"}');
    assert.equal(tampered.status, 401);
    assert.match(((await tampered.json()) as Record<string, string>).error_msg, /signature/);
  });

  it("rejects a missing Authorization header", async () => {
    const res = await fetch(`${emu.current.url}/v1/job/script/orders/SCTVERIFY0001`);
    assert.equal(res.status, 401);
  });
});

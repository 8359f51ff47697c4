import * as assert from "node:assert/strict";
import { formatCocError } from "../../sdk/errors";
import { getScriptOrder, readScriptOrder } from "../../sdk/client";
import { clientFor, left, order, right, useEmulator } from "../helpers/emulator";

describe("transport against the emulator over HTTP", () => {
  const emu = useEmulator();
  let n = 0;
  /** A fresh order per test, so fault queues never leak between tests. */
  const fresh = (rest: Parameters<typeof order>[1] = {}) => {
    const uuid = `SCTTRANSPORT${String(++n).padStart(4, "0")}`;
    emu.current.addOrders([order(uuid, rest)]);
    return uuid;
  };
  const logFor = (uuid: string) => emu.current.requests().filter((r) => r.path.endsWith(uuid));

  it("reads an order, signed, with a request id", async () => {
    const uuid = fresh();
    const r = right(await readScriptOrder(clientFor(emu.current), uuid)());
    assert.equal(r.order.executeUuid, uuid);
    assert.equal(r.order.status, "FINISHED");
    assert.match(r.requestId ?? "", /^[0-9a-f]{32}$/);
    assert.equal(logFor(uuid)[0].signedHeaders, "host;x-sdk-date");
  });

  it("sends and signs the domain id and security token", async () => {
    const uuid = fresh();
    right(await getScriptOrder(clientFor(emu.current, { domainId: "dom-1", securityToken: "sec-tok" }), uuid)());
    assert.equal(logFor(uuid)[0].signedHeaders, "host;x-domain-id;x-sdk-date;x-security-token");
  });

  it("retries 429 (APIG.0308) to success", async () => {
    const uuid = fresh({ faults: [{ kind: "throttle", times: 2 }] });
    right(await getScriptOrder(clientFor(emu.current), uuid)());
    assert.deepEqual(logFor(uuid).map((r) => r.status), [429, 429, 200]);
  });

  it("honours Retry-After", async () => {
    const uuid = fresh({ faults: [{ kind: "throttle", retry_after: "1" }] });
    const started = Date.now();
    right(await getScriptOrder(clientFor(emu.current), uuid)());
    assert.ok(Date.now() - started >= 950, "waited for Retry-After");
  });

  it("gives up on a Retry-After past the deadline at once, as throttled", async () => {
    const uuid = fresh({ faults: [{ kind: "throttle", retry_after: "3600" }] });
    const started = Date.now();
    const e = left(await getScriptOrder(clientFor(emu.current), uuid)());
    assert.equal(e._tag, "Throttled");
    assert.ok(Date.now() - started < 1_000);
    assert.match(formatCocError(e), new RegExp(`script order ${uuid}: throttled .*HTTP 429, APIG\\.0308: The request is throttled, request id [0-9a-f]{32}`));
  });

  for (const status of [500, 502, 503, 504]) {
    it(`retries ${status} with an HTML body to success`, async () => {
      const uuid = fresh({ faults: [{ kind: "server_error", status }] });
      right(await getScriptOrder(clientFor(emu.current), uuid)());
      assert.deepEqual(logFor(uuid).map((r) => r.status), [status, 200]);
    });
  }

  it("ends persistent server errors as Server after the attempt limit", async () => {
    const uuid = fresh({ faults: [{ kind: "server_error", status: 503, times: 10 }] });
    const e = left(await getScriptOrder(clientFor(emu.current, { retry: { attempts: 3 } }), uuid)());
    assert.equal(e._tag, "Server");
    assert.equal(logFor(uuid).length, 3);
    assert.match(formatCocError(e), /HTTP 503, [^,]*Service Temporarily Unavailable[^,]*, request id [0-9a-f]{32}, after 3 attempts/);
  });

  it("retries a connection reset to success", async () => {
    const uuid = fresh({ faults: [{ kind: "reset", times: 2 }] });
    right(await getScriptOrder(clientFor(emu.current), uuid)());
    assert.deepEqual(logFor(uuid).map((r) => r.fault), ["reset", "reset", null]);
  });

  it("ends persistent resets as Network", async () => {
    const uuid = fresh({ faults: [{ kind: "reset", times: 10 }] });
    const e = left(await getScriptOrder(clientFor(emu.current, { retry: { attempts: 2 } }), uuid)());
    assert.equal(e._tag, "Network");
    assert.match(formatCocError(e), /ECONNRESET/);
  });

  it("times out a slow attempt and retries it", async () => {
    const uuid = fresh({ faults: [{ kind: "delay", delay_ms: 5_000 }] });
    const started = Date.now();
    right(await getScriptOrder(clientFor(emu.current, { retry: { attemptTimeoutMs: 300 } }), uuid)());
    const took = Date.now() - started;
    // Cut at 300 ms and retried at once (backoff here is at most 20 ms), not waited out for 5 s.
    assert.ok(took >= 300 && took < 1_500, `took ${took} ms`);
  });

  it("ends within its deadline when every attempt is slow", async () => {
    const uuid = fresh({ faults: [{ kind: "delay", delay_ms: 3_000, times: 20 }] });
    const started = Date.now();
    const e = left(await getScriptOrder(clientFor(emu.current, { retry: { attemptTimeoutMs: 400, deadlineMs: 1_000 } }), uuid)());
    const took = Date.now() - started;
    assert.equal(e._tag, "Timeout");
    assert.ok(took < 1_500, `took ${took} ms`);
  });

  it("reports malformed JSON on a 200 as Decode, without retrying", async () => {
    const uuid = fresh({ faults: [{ kind: "malformed" }] });
    const e = left(await getScriptOrder(clientFor(emu.current), uuid)());
    assert.equal(e._tag, "Decode");
    assert.equal(logFor(uuid).length, 1);
    assert.match(formatCocError(e), /could not be decoded at \$: body is not JSON/);
  });

  it("reports truncated JSON on a 200 as Decode, without retrying", async () => {
    const uuid = fresh({ faults: [{ kind: "truncated" }] });
    const e = left(await getScriptOrder(clientFor(emu.current), uuid)());
    assert.equal(e._tag, "Decode");
    assert.equal(logFor(uuid).length, 1);
  });

  it("reports a body that does not fit the codec with its path", async () => {
    const uuid = fresh({ raw_body: '{"data":{"execute_uuid":"X","properties":{"execute_param":{"timeout":"soon"}}}}' });
    const e = left(await getScriptOrder(clientFor(emu.current), uuid)());
    assert.equal(e._tag, "Decode");
    assert.match(formatCocError(e), /at \$\.data\.properties\.execute_param\.timeout: expected NumberLike, got "soon"/);
  });

  it("maps 400 COC.00040709 to NotFound without retrying", async () => {
    const e = left(await getScriptOrder(clientFor(emu.current), "SCTDOESNOTEXIST")());
    assert.equal(e._tag, "NotFound");
    assert.equal(logFor("SCTDOESNOTEXIST").length, 1);
    assert.match(formatCocError(e), /script order SCTDOESNOTEXIST was not found \(HTTP 400, COC\.00040709: .*, request id [0-9a-f]{32}\)/);
  });

  it("maps a wrong secret key to Auth without retrying, and never prints the key", async () => {
    const uuid = fresh();
    const e = left(await getScriptOrder(clientFor(emu.current, { secretKey: "wrong-secret-value" }), uuid)());
    assert.equal(e._tag, "Auth");
    assert.equal(logFor(uuid).length, 1);
    const message = formatCocError(e);
    assert.match(message, /HTTP 401, APIG\.0301: .*signature/);
    assert.doesNotMatch(message, /wrong-secret-value/);
  });

  it("authenticates with an IAM token instead", async () => {
    const uuid = fresh();
    right(await getScriptOrder(clientFor(emu.current, { accessKey: undefined, secretKey: undefined, authToken: emu.current.credentials.authToken }), uuid)());
  });

  it("rejects a malformed execute_uuid before any request", async () => {
    const before = emu.current.requests().length;
    for (const bad of ["", "x".repeat(27), "../etc/passwd", "SCT 1", "SCT/1", "ü"]) {
      const e = left(await getScriptOrder(clientFor(emu.current), bad)());
      assert.equal(e._tag, "InvalidInput");
    }
    assert.equal(emu.current.requests().length, before);
  });
});

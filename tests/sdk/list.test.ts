import * as assert from "node:assert/strict";
import { listAllScriptOrders } from "../../sdk/client";
import { clientFor, left, order, right, useEmulator } from "../helpers/emulator";

describe("listScriptOrders", () => {
  const orders = Array.from({ length: 7 }, (_, i) =>
    order(`SCTLIST${i}`, { order_id: String(9007199254740993000n + BigInt(i * 10)), lifecycle: { status: i % 2 ? "FINISHED" : "ABNORMAL" }, created_ago_ms: (i + 1) * 3_600_000 }),
  );
  const emu = useEmulator(orders);

  it("pages with the last order_id as marker, keeping 64-bit ids exact", async () => {
    const all = right(await listAllScriptOrders(clientFor(emu.current), { limit: 3 })());
    assert.equal(all.length, 7);
    assert.deepEqual(new Set(all.map((o) => o.executeUuid)), new Set(orders.map((o) => o.execute_uuid)));
    assert.deepEqual(all.map((o) => o.orderId).sort(), orders.map((o) => o.order_id).sort());
    const pages = emu.current.requests().filter((r) => r.path === "/v1/job/script/orders");
    assert.equal(pages.length, 3);
    assert.match(pages[1].query, /marker=\d{19}/);
  });

  it("filters by status and time window, and stops at maxItems", async () => {
    const failed = right(await listAllScriptOrders(clientFor(emu.current), { status: "ABNORMAL" })());
    assert.ok(failed.length === 4 && failed.every((o) => o.phase === "failed"));
    const recent = right(await listAllScriptOrders(clientFor(emu.current), { startTime: new Date(Date.now() - 2.5 * 3_600_000) })());
    assert.equal(recent.length, 2);
    const two = right(await listAllScriptOrders(clientFor(emu.current), { limit: 1, maxItems: 2 })());
    assert.equal(two.length, 2);
  });

  it("signs queries with spaces and non-ASCII characters the way the gateway checks them", async () => {
    emu.current.addOrders([order("SCTLISTNAMED", { order_name: "patch db hosts – 夜間" })]);
    const found = right(await listAllScriptOrders(clientFor(emu.current), { nameLike: "db hosts – 夜" })());
    assert.deepEqual(found.map((o) => o.executeUuid), ["SCTLISTNAMED"]);
    assert.match(emu.current.requests().at(-1)?.query ?? "", /name_like=db%20hosts%20%E2%80%93%20%E5%A4%9C/);
  });

  it("rejects a bad page size before any request", async () => {
    const e = left(await listAllScriptOrders(clientFor(emu.current), { limit: 500 })());
    assert.equal(e._tag, "InvalidInput");
  });
});

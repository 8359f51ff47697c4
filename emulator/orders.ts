/**
 * Order state in the emulator: what status an order shows at a given moment or read, and which
 * fault (if any) answers the next request for it.
 */
import type { Fault, OrderFixture } from "./fixtures";

const TERMINAL = new Set(["FINISHED", "ABNORMAL", "ERROR", "CANCELED", "ROLLBACKED"]);

export interface OrderState {
  readonly fixture: OrderFixture;
  readonly orderId: string;
  readonly registeredAt: number;
  clockStart: number | null;
  reads: number;
  /** One entry per request still to be answered by a fault. */
  faults: Fault[];
}

export const newOrderState = (fixture: OrderFixture, orderId: string, now: number): OrderState => ({
  fixture,
  orderId,
  registeredAt: now,
  clockStart: fixture.clock === "registered" ? now : null,
  reads: 0,
  faults: (fixture.faults ?? []).flatMap((f) => Array.from({ length: Math.max(1, f.times ?? 1) }, () => f)),
});

interface Snapshot {
  readonly status: string;
  readonly createdMs: number;
  /** 0 while the order is still moving, as COC sends it. */
  readonly finishedMs: number;
}

/** The order as of `now`. `observe` starts a first-read clock and counts the read; listing does not. */
export const snapshot = (s: OrderState, now: number, observe: boolean): Snapshot => {
  const f = s.fixture;
  const createdMs = s.registeredAt - (f.created_ago_ms ?? 60_000);
  if (observe && s.clockStart === null) s.clockStart = now;
  const lc = f.lifecycle;
  let status: string;
  let finishedMs = 0;
  if ("timeline" in lc) {
    const elapsed = s.clockStart === null ? 0 : now - s.clockStart;
    const step = [...lc.timeline].reverse().find((st) => st.at_ms <= elapsed) ?? lc.timeline[0];
    status = step?.status ?? "READY";
    if (TERMINAL.has(status)) finishedMs = (s.clockStart ?? now) + (step?.at_ms ?? 0);
  } else {
    status = "per_read" in lc ? (lc.per_read[Math.min(s.reads, lc.per_read.length - 1)] ?? "READY") : lc.status;
    if (TERMINAL.has(status)) finishedMs = s.registeredAt - (f.finished_ago_ms ?? 30_000);
  }
  if (observe) s.reads++;
  return { status, createdMs, finishedMs };
};

const DIGITS = /^\d+$/;
const RAW_NUMBER = "\u0000rawnum:";

const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The ShowScriptOrder `data` object, JSON-encoded (int64 ids as bare numbers, like the real API). */
export const showBody = (s: OrderState, snap: Snapshot, now: number): string => {
  const f = s.fixture;
  const data = {
    execute_uuid: f.execute_uuid,
    gmt_created: snap.createdMs,
    gmt_finished: snap.finishedMs,
    execute_costs: (snap.finishedMs || now) - snap.createdMs,
    creator: f.creator ?? "emulator-user",
    status: snap.status,
    properties: defined({
      script_uuid: f.script_uuid,
      script_name: f.script_name,
      script_version_uuid: f.script_version_uuid === undefined ? undefined : rawNumber(f.script_version_uuid),
      script_version_name: f.script_version_name,
      current_execute_batch_index: f.current_execute_batch_index ?? 1,
      execute_param: f.execute_param,
      script_source: f.script_source,
    }),
  };
  return encodeWithRawNumbers({ data });
};

/** Digits become a bare JSON number in `encodeWithRawNumbers`, as int64 ids are on the wire. */
export const rawNumber = (id: string): string => (DIGITS.test(id) ? RAW_NUMBER + id : id);

export const encodeWithRawNumbers = (value: unknown): string => JSON.stringify(value).replace(/"\\u0000rawnum:(\d+)"/g, "$1");

export const summary = (s: OrderState, snap: Snapshot, now: number) => ({
  order_id: s.orderId,
  order_name: s.fixture.order_name ?? s.fixture.script_name ?? s.fixture.execute_uuid,
  execute_uuid: s.fixture.execute_uuid,
  gmt_created: snap.createdMs,
  gmt_finished: snap.finishedMs,
  execute_costs: (snap.finishedMs || now) - snap.createdMs,
  creator: s.fixture.creator ?? "emulator-user",
  status: snap.status,
  // A string, as the official SDKs model it (comma-separated when there are several).
  properties: { region_ids: (s.fixture.region_ids ?? ["cn-north-4"]).join(",") },
});

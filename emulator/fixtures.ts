/**
 * What the emulator serves: orders described as data, with a lifecycle (statuses over time or per
 * read) and a queue of faults to inject. Fixture files are decoded with these codecs, so a typo in a
 * fixture fails loudly at start instead of serving something odd.
 */
import * as t from "io-ts";

export const Step = t.type({ at_ms: t.number, status: t.string }, "Step");

export const Lifecycle = t.union(
  [
    /** Status by time since the clock started (the first read, unless `clock: "registered"`). */
    t.type({ timeline: t.array(Step) }),
    /** One status per successful read; the last one repeats. */
    t.type({ per_read: t.array(t.string) }),
    t.type({ status: t.string }),
  ],
  "Lifecycle",
);
export type Lifecycle = t.TypeOf<typeof Lifecycle>;

export const FaultKind = t.keyof(
  { throttle: null, server_error: null, delay: null, reset: null, malformed: null, truncated: null },
  "FaultKind",
);
export type FaultKind = t.TypeOf<typeof FaultKind>;

export const Fault = t.intersection(
  [
    t.type({ kind: FaultKind }),
    t.partial({
      /** How many consecutive requests this fault answers. Default 1. */
      times: t.number,
      /** server_error: the status (default 503). */
      status: t.number,
      /** delay: milliseconds before the (normal) answer. */
      delay_ms: t.number,
      /** throttle: a Retry-After header value. */
      retry_after: t.string,
    }),
  ],
  "Fault",
);
export type Fault = t.TypeOf<typeof Fault>;

export const OrderFixture = t.intersection(
  [
    t.type({ execute_uuid: t.string, lifecycle: Lifecycle }),
    t.partial({
      order_id: t.string,
      order_name: t.string,
      creator: t.string,
      /** When the order was created, relative to its registration. Default 60 s ago. */
      created_ago_ms: t.number,
      /** For orders already terminal at registration: how long ago they finished. */
      finished_ago_ms: t.number,
      script_uuid: t.string,
      script_name: t.string,
      /** Digits are sent as a bare JSON number (int64 ids past 2^53 included), anything else as a string. */
      script_version_uuid: t.string,
      script_version_name: t.string,
      script_source: t.string,
      current_execute_batch_index: t.number,
      execute_param: t.UnknownRecord,
      region_ids: t.array(t.string),
      clock: t.keyof({ "first-read": null, registered: null }),
      faults: t.array(Fault),
      /** Served verbatim as the 200 body of every show request, for decoder tests. */
      raw_body: t.string,
    }),
  ],
  "OrderFixture",
);
export type OrderFixture = t.TypeOf<typeof OrderFixture>;

export const FixtureFile = t.type({ orders: t.array(OrderFixture) }, "FixtureFile");
export type FixtureFile = t.TypeOf<typeof FixtureFile>;

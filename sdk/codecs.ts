/**
 * Wire codecs for the COC script order API, tolerant the way production data is: every field but
 * `execute_uuid` may be missing or null, numbers may arrive as strings and ids as numbers, and unknown
 * fields are ignored. The types here are the raw shapes; `model.ts` turns them into the public model.
 */
import * as t from "io-ts";

// --- tolerant primitives ---------------------------------------------------------------------------

const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** A number, or a string holding one (gateways and long-integer quoting both produce those). */
export const NumberLike = new t.Type<number, number, unknown>(
  "NumberLike",
  (u): u is number => typeof u === "number" && Number.isFinite(u),
  (u, c) => {
    if (typeof u === "number" && Number.isFinite(u)) return t.success(u);
    if (typeof u === "string" && DECIMAL.test(u.trim())) return t.success(Number(u.trim()));
    return t.failure(u, c);
  },
  t.identity,
);

/**
 * An identifier or name that some sources send as a number: always a string in the model.
 * Integers past 2^53 arrive here already as exact decimal strings (see `json.ts`).
 */
export const TextLike = new t.Type<string, string, unknown>(
  "TextLike",
  (u): u is string => typeof u === "string",
  (u, c) => {
    if (typeof u === "string") return t.success(u);
    if (typeof u === "number" && Number.isFinite(u)) return t.success(String(u));
    return t.failure(u, c);
  },
  t.identity,
);

/**
 * A list of names sent either as an array or as one string: the official SDKs model ListScriptJobs'
 * `region_ids` as a string (comma-separated when there are several), while array-shaped bodies exist
 * too. Always an array in the model; an empty string is an empty list.
 */
export const TextListLike = new t.Type<string[], string[], unknown>(
  "TextListLike",
  (u): u is string[] => Array.isArray(u) && u.every((x) => typeof x === "string"),
  (u, c) => {
    if (typeof u === "string") return t.success(u.split(",").map((s) => s.trim()).filter((s) => s !== ""));
    return t.array(TextLike).validate(u, c);
  },
  t.identity,
);

/**
 * Accepts the value, `null` or absence alike: the model maps all of them to `null`. Not `t.union`:
 * a union validates every member and collects their errors, and this runs on every field of every read.
 */
const nullable = <C extends t.Mixed>(codec: C): t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown> =>
  new t.Type(
    `${codec.name} | null`,
    (u): u is t.TypeOf<C> | null => u === null || codec.is(u),
    // The inner codec gets its own context entry (with an empty key), so a failure names it.
    (u, c) => (u === null ? t.success(null) : codec.validate(u, t.appendContext(c, "", codec, u))),
    (a) => (a === null ? null : codec.encode(a)),
  );

// --- ShowScriptOrder -------------------------------------------------------------------------------

export const ScriptParamRaw = t.partial(
  {
    param_name: nullable(TextLike),
    param_value: nullable(TextLike),
    param_order: nullable(NumberLike),
    param_refer: t.unknown,
  },
  "ScriptParam",
);
export type ScriptParamRaw = t.TypeOf<typeof ScriptParamRaw>;

export const ExecuteParamRaw = t.partial(
  {
    resourceful: nullable(t.boolean),
    timeout: nullable(NumberLike),
    success_rate: nullable(NumberLike),
    execute_user: nullable(TextLike),
    script_params: nullable(t.array(ScriptParamRaw)),
  },
  "ExecuteParam",
);
export type ExecuteParamRaw = t.TypeOf<typeof ExecuteParamRaw>;

export const ScriptOrderPropertiesRaw = t.partial(
  {
    script_uuid: nullable(TextLike),
    script_name: nullable(TextLike),
    script_version_uuid: nullable(TextLike),
    script_version_name: nullable(TextLike),
    current_execute_batch_index: nullable(NumberLike),
    execute_param: nullable(ExecuteParamRaw),
    script_source: nullable(TextLike),
  },
  "ScriptOrderProperties",
);
export type ScriptOrderPropertiesRaw = t.TypeOf<typeof ScriptOrderPropertiesRaw>;

export const ScriptOrderRaw = t.intersection(
  [
    t.type({ execute_uuid: t.string }),
    t.partial({
      gmt_created: nullable(NumberLike),
      gmt_finished: nullable(NumberLike),
      execute_costs: nullable(NumberLike),
      creator: nullable(TextLike),
      status: nullable(TextLike),
      properties: nullable(ScriptOrderPropertiesRaw),
    }),
  ],
  "ScriptOrder",
);
export type ScriptOrderRaw = t.TypeOf<typeof ScriptOrderRaw>;

export const ShowScriptOrderResponse = t.type({ data: ScriptOrderRaw }, "ShowScriptOrderResponse");
export type ShowScriptOrderResponse = t.TypeOf<typeof ShowScriptOrderResponse>;

// --- ListScriptOrders ------------------------------------------------------------------------------

export const ScriptOrderSummaryRaw = t.intersection(
  [
    t.type({ execute_uuid: t.string }),
    t.partial({
      order_id: nullable(TextLike),
      order_name: nullable(TextLike),
      gmt_created: nullable(NumberLike),
      gmt_finished: nullable(NumberLike),
      execute_costs: nullable(NumberLike),
      creator: nullable(TextLike),
      status: nullable(TextLike),
      properties: nullable(t.partial({ region_ids: nullable(TextListLike) })),
    }),
  ],
  "ScriptOrderSummary",
);
export type ScriptOrderSummaryRaw = t.TypeOf<typeof ScriptOrderSummaryRaw>;

export const ListScriptOrdersResponse = t.type(
  {
    data: t.intersection([
      t.partial({ total: nullable(NumberLike) }),
      t.partial({ data: nullable(t.array(ScriptOrderSummaryRaw)) }),
    ]),
  },
  "ListScriptOrdersResponse",
);
export type ListScriptOrdersResponse = t.TypeOf<typeof ListScriptOrdersResponse>;

// --- error bodies ----------------------------------------------------------------------------------

/** The three error shapes gateways send; `errors.ts` reads whichever matched. */
export const ErrorBody = t.partial(
  {
    error_code: nullable(TextLike),
    error_msg: nullable(TextLike),
    code: nullable(TextLike),
    message: nullable(TextLike),
    error: nullable(t.partial({ code: nullable(TextLike), message: nullable(TextLike) })),
  },
  "ErrorBody",
);
export type ErrorBody = t.TypeOf<typeof ErrorBody>;

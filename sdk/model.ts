/**
 * The one normalized model every consumer reads (CLI, Pulumi outputs, policies). camelCase, and
 * `null` for anything absent: never `undefined` or `""`, so JSON and Pulumi state agree on it.
 */
import * as t from "io-ts";
import type { ScriptOrderRaw, ScriptOrderSummaryRaw } from "./codecs";
import { Phase, isTerminalPhase, phaseOf } from "./statuses";

const Nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);
const NString = Nullable(t.string);
const NNumber = Nullable(t.number);

export const ScriptParam = t.type(
  { name: NString, value: NString, order: NNumber },
  "ScriptParam",
);
export type ScriptParam = t.TypeOf<typeof ScriptParam>;

export const ScriptOrder = t.type(
  {
    executeUuid: t.string,
    status: NString,
    phase: Phase,
    terminal: t.boolean,
    createdAt: NString,
    finishedAt: NString,
    executeCosts: NNumber,
    creator: NString,
    scriptUuid: NString,
    scriptName: NString,
    scriptVersionUuid: NString,
    scriptVersionName: NString,
    currentExecuteBatchIndex: NNumber,
    executeUser: NString,
    timeoutSeconds: NNumber,
    successRate: NNumber,
    resourceful: Nullable(t.boolean),
    scriptParams: Nullable(t.array(ScriptParam)),
    scriptSource: NString,
  },
  "ScriptOrder",
);
export type ScriptOrder = t.TypeOf<typeof ScriptOrder>;

export const ScriptOrderSummary = t.type(
  {
    orderId: NString,
    orderName: NString,
    executeUuid: t.string,
    status: NString,
    phase: Phase,
    terminal: t.boolean,
    createdAt: NString,
    finishedAt: NString,
    executeCosts: NNumber,
    creator: NString,
    regionIds: Nullable(t.array(t.string)),
  },
  "ScriptOrderSummary",
);
export type ScriptOrderSummary = t.TypeOf<typeof ScriptOrderSummary>;

// --- normalization ---------------------------------------------------------------------------------

const MAX_DATE_MS = 8.64e15;

/** Epoch milliseconds to ISO-8601 UTC; 0 (the API's "not yet") and out-of-range values are null. */
export const isoFromEpochMs = (ms: number | null | undefined): string | null =>
  ms == null || ms === 0 || !Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS ? null : new Date(ms).toISOString();

/** Empty strings carry no information the model can use: they become null like absent values. */
const text = (s: string | null | undefined): string | null => (s == null || s === "" ? null : s);
const num = (n: number | null | undefined): number | null => (n == null ? null : n);

const statusFields = (status: string | null | undefined) => {
  const s = text(status);
  const phase = phaseOf(s);
  return { status: s, phase, terminal: isTerminalPhase(phase) };
};

export const normalizeScriptOrder = (raw: ScriptOrderRaw): ScriptOrder => {
  const props = raw.properties ?? {};
  const exec = props.execute_param ?? {};
  return {
    executeUuid: raw.execute_uuid,
    ...statusFields(raw.status),
    createdAt: isoFromEpochMs(raw.gmt_created),
    finishedAt: isoFromEpochMs(raw.gmt_finished),
    executeCosts: num(raw.execute_costs),
    creator: text(raw.creator),
    scriptUuid: text(props.script_uuid),
    scriptName: text(props.script_name),
    scriptVersionUuid: text(props.script_version_uuid),
    scriptVersionName: text(props.script_version_name),
    currentExecuteBatchIndex: num(props.current_execute_batch_index),
    executeUser: text(exec.execute_user),
    timeoutSeconds: num(exec.timeout),
    successRate: num(exec.success_rate),
    resourceful: exec.resourceful ?? null,
    scriptParams:
      exec.script_params == null
        ? null
        : exec.script_params.map((p) => ({
            name: text(p.param_name),
            value: text(p.param_value),
            order: num(p.param_order),
          })),
    scriptSource: text(props.script_source),
  };
};

export const normalizeScriptOrderSummary = (raw: ScriptOrderSummaryRaw): ScriptOrderSummary => ({
  orderId: text(raw.order_id),
  orderName: text(raw.order_name),
  executeUuid: raw.execute_uuid,
  ...statusFields(raw.status),
  createdAt: isoFromEpochMs(raw.gmt_created),
  finishedAt: isoFromEpochMs(raw.gmt_finished),
  executeCosts: num(raw.execute_costs),
  creator: text(raw.creator),
  regionIds: raw.properties?.region_ids ?? null,
});

/** "rotate-logs v3": the script's name and version as people read them; null when neither is known. */
export const scriptLabel = (o: Pick<ScriptOrder, "scriptName" | "scriptVersionName">): string | null => {
  const label = [o.scriptName, o.scriptVersionName].filter((x) => x !== null).join(" ");
  return label === "" ? null : label;
};

/** The model with every script parameter value replaced, for output that people and logs see. */
export const SECRET_PLACEHOLDER = "[secret]";
export const redactScriptParams = (order: ScriptOrder): ScriptOrder => ({
  ...order,
  scriptParams:
    order.scriptParams?.map((p) => ({ ...p, value: p.value === null ? null : SECRET_PLACEHOLDER })) ?? null,
});

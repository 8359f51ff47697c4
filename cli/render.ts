/** How orders look on stdout (text or JSON) and how progress looks on stderr. */
import type { ScriptOrder, ScriptOrderSummary } from "../sdk/model";
import { redactScriptParams, scriptLabel } from "../sdk/model";

export type OutputFormat = "json" | "text";

export const shown = (order: ScriptOrder, showSecrets: boolean): ScriptOrder => (showSecrets ? order : redactScriptParams(order));

const line = (label: string, value: string | null): string | null => (value === null ? null : `  ${label.padEnd(11)}${value}`);

export const orderText = (o: ScriptOrder): string => {
  const script = scriptLabel(o);
  const exec = [
    o.executeUser !== null ? `as ${o.executeUser}` : null,
    o.timeoutSeconds !== null ? `timeout ${o.timeoutSeconds}s` : null,
    o.successRate !== null ? `success rate ${o.successRate}%` : null,
  ].filter((x) => x !== null);
  return [
    `${o.executeUuid}  ${o.status ?? "(no status)"} (${o.phase})`,
    line("script", script === null ? null : `${script}${o.scriptUuid !== null ? ` (${o.scriptUuid})` : ""}`),
    line("created", o.createdAt),
    line("finished", o.finishedAt),
    line("costs", o.executeCosts === null ? null : String(o.executeCosts)),
    line("creator", o.creator),
    line("executes", exec.length === 0 ? null : exec.join(", ")),
    line("batch", o.currentExecuteBatchIndex === null ? null : String(o.currentExecuteBatchIndex)),
    line("params", o.scriptParams === null || o.scriptParams.length === 0 ? null : o.scriptParams.map((p) => `${p.name ?? "?"}=${p.value ?? ""}`).join(" ")),
  ]
    .filter((x) => x !== null)
    .join("\n");
};

const COLUMNS = [
  ["EXECUTE_UUID", (o: ScriptOrderSummary) => o.executeUuid],
  ["STATUS", (o: ScriptOrderSummary) => o.status ?? "-"],
  ["CREATED", (o: ScriptOrderSummary) => o.createdAt ?? "-"],
  ["FINISHED", (o: ScriptOrderSummary) => o.finishedAt ?? "-"],
  ["CREATOR", (o: ScriptOrderSummary) => o.creator ?? "-"],
  ["NAME", (o: ScriptOrderSummary) => o.orderName ?? "-"],
] as const;

/** An aligned table for people; tab-separated lines when stdout is not a terminal. */
export const listText = (orders: readonly ScriptOrderSummary[], tty: boolean): string => {
  const rows = [COLUMNS.map(([h]) => h), ...orders.map((o) => COLUMNS.map(([, f]) => f(o)))];
  if (!tty) return rows.slice(1).map((r) => r.join("\t")).join("\n");
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ")).join("\n");
};

export const elapsed = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
};

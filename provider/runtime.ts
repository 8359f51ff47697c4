/**
 * What the ScriptOrder provider does, loaded with `require` inside Pulumi's dynamic-provider process
 * (and by the invokes in the program's process). It adapts the SDK to Pulumi: settings -> client,
 * inputs -> read or wait, gate -> one-line error. No HTTP or decoding of its own.
 */
import * as E from "fp-ts/Either";
import type { CocClient } from "../sdk/client";
import type { RequestBudget } from "../sdk/budget";
import { createRequestBudget, resolveBudgetLimits } from "../sdk/budget";
import { abortableSleep, createClient, readScriptOrder } from "../sdk/client";
import type { CocError } from "../sdk/errors";
import { formatCocError } from "../sdk/errors";
import type { ScriptOrder } from "../sdk/model";
import { scriptLabel } from "../sdk/model";
import { waitForScriptOrder } from "../sdk/wait";
import { cancelSignal, watchForCancellation } from "./cancellation";
import type { CheckFailure, ScriptOrderInputs } from "./inputs";
import { checkInputs, describeFailures, waitPlan } from "./inputs";
import type { Settings } from "./settings";
import { clientOptions, settingsFrom } from "./settings";

// `settingsFromConfig`, `check(news)` and `readOrder` are also what providers serialized by version
// 0.1.0 call (their state keeps them until the next `up` replaces it): keep their signatures.
export { settingsFrom as settingsFromConfig };

/** The resource's outputs: the normalized model, plus when it was read. */
export type ScriptOrderState = ScriptOrder & { readonly checkedAt: string };

/** Echoes of our own failures still to be swallowed (see `muteFailureEchoes`). */
const pendingEchoes = new Set<string>();
let muting = false;

/**
 * The host echoes a failed read to stderr as `${error}: ${error.stack}` before returning it to the
 * engine, which shows it again as the resource's error. For our own failures that echo is a second,
 * stray line; drop exactly it.
 */
const muteFailureEchoes = (): void => {
  if (muting) return;
  muting = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === "string" && pendingEchoes.delete(args[0])) return;
    original(...args);
  };
};

/**
 * Called by the provider's `configure`: in Pulumi's dynamic-provider process, end every wait when the
 * update is cancelled or the engine goes away, and keep failures to one line. Elsewhere (the invokes
 * run in the program's process) it does nothing.
 */
export const setUpProviderProcess = (): void => {
  if (watchForCancellation()) muteFailureEchoes();
};

/** A failure to show the user as one line: no stack, and no echo of it in the provider's stderr. */
export class ScriptOrderFailure extends Error {
  override readonly name = "ScriptOrderFailure";
  constructor(message: string) {
    super(message);
    this.stack = "";
    if (muting) pendingEchoes.add(`${message}: `);
  }
  override toString(): string {
    return this.message;
  }
}

const fail = (e: CocError): never => {
  throw new ScriptOrderFailure(formatCocError(e));
};

/** Clients by what they were made from: one per configuration, so one agent and signing key. */
const clients = new Map<string, CocClient>();
/** The process's one request budget, sized by the first configuration that asks for it. */
let budget: RequestBudget | undefined;

/** Environment variables a client reads (credentials, endpoints, proxies, budget): part of its identity. */
const clientEnv = (env: NodeJS.ProcessEnv): [string, string | undefined][] =>
  Object.entries(env)
    .filter(([k]) => /^(HUAWEICLOUD_|HW_)|_PROXY$/i.test(k))
    .sort(([a], [b]) => (a < b ? -1 : 1));

/**
 * The client for these settings, made once per process: every read, wait and invoke with the same
 * settings shares its keep-alive agent and prepared signing key, and all of them the one budget.
 */
export const clientFrom = (settings: Settings, env: NodeJS.ProcessEnv = process.env): CocClient => {
  const key = JSON.stringify([settings, clientEnv(env)]);
  const cached = clients.get(key);
  if (cached !== undefined) return cached;
  if (budget === undefined) {
    const limits = resolveBudgetLimits({ maxConcurrent: settings.maxConcurrentRequests, perSecond: settings.requestsPerSecond }, env);
    if (E.isLeft(limits)) return fail(limits.left);
    budget = createRequestBudget(limits.right, { now: Date.now, sleep: abortableSleep });
  }
  const c = createClient({ ...clientOptions(settings, env), budget });
  if (E.isLeft(c)) return fail(c.left);
  clients.set(key, c.right);
  return c.right;
};

const gateMessage = (order: ScriptOrder, required: readonly string[], requestId: string | null): string => {
  const script = scriptLabel(order);
  const details = [
    script === null ? null : `script ${script}`,
    order.finishedAt === null ? null : `finished ${order.finishedAt.replace(/\.\d{3}Z$/, "Z")}`,
    `request id ${requestId ?? "none"}`,
  ].filter((x) => x !== null);
  return `script order ${order.executeUuid} is ${order.status ?? "without a status"}; required ${required.join(" or ")} (${details.join(", ")})`;
};

export type Log = (line: string) => void;

/** Reads (or waits for) the order with id `id`, applies the gate, and returns the resource state. */
export const readOrder = async (settings: Settings, id: string, props: Record<string, unknown>, log: Log): Promise<ScriptOrderState> => {
  const { inputs, failures } = checkInputs({ ...props, executeUuid: id });
  if (inputs === null || failures.length > 0) throw new ScriptOrderFailure(`script order ${id}: invalid inputs: ${describeFailures(failures)}`);
  const client = clientFrom(settings);
  const preview = inputs.__preview ?? false;
  const plan = inputs.wait === undefined ? null : waitPlan(inputs.wait);
  const waiting = plan !== null && (!preview || plan.inPreview);

  let order: ScriptOrder;
  let requestId: string | null;
  if (waiting) {
    const started = Date.now();
    log(`script order ${id}: waiting up to ${plan.timeoutMs / 1000}s for ${plan.until?.join(" or ") ?? "a terminal status"}`);
    const r = await waitForScriptOrder(client, id, {
      until: plan.until,
      timeoutMs: plan.timeoutMs,
      intervalMs: plan.intervalMs,
      signal: cancelSignal,
      onProgress: (p) => log(`script order ${id}: ${p.order.status ?? "(no status)"} after ${Math.round((Date.now() - started) / 1000)}s`),
    })();
    if (E.isLeft(r)) return fail(r.left);
    ({ order, requestId } = r.right);
  } else {
    const r = await readScriptOrder(client, id, cancelSignal)();
    if (E.isLeft(r)) return fail(r.left);
    ({ order, requestId } = r.right);
  }

  const required = inputs.requireStatus;
  if (required !== undefined && (order.status === null || !required.includes(order.status))) {
    // In a preview that does not wait, an order still moving may yet pass: only a settled one fails.
    if (preview && !waiting && !order.terminal) {
      log(`script order ${id} is ${order.status ?? "without a status"}; ${required.join(" or ")} is required when \`up\` runs`);
    } else {
      throw new ScriptOrderFailure(gateMessage(order, required, requestId));
    }
  }
  return { ...order, checkedAt: new Date().toISOString() };
};

/** The provider's `check`: failures as data, inputs passed through untouched. */
export const check = (news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: CheckFailure[] } => ({
  inputs: news,
  failures: [...checkInputs(news).failures],
});

export type { ScriptOrderInputs };

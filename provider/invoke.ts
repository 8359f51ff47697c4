/**
 * `getScriptOrder` / `getScriptOrderOutput`: reads that do not enter state, following Pulumi's invoke
 * conventions. They run in the program's process with the same settings (stack config, then env).
 */
import * as pulumi from "@pulumi/pulumi";
import * as E from "fp-ts/Either";
import { listAllScriptOrders } from "../sdk/client";
import { formatCocError } from "../sdk/errors";
import type { ScriptOrderSummary } from "../sdk/model";
import { redactScriptParams } from "../sdk/model";
import type { ScriptOrderState } from "./runtime";
import { clientFrom, readOrder } from "./runtime";
import { CONFIG_NAMESPACE, settingsFrom } from "./settings";

export interface GetScriptOrderArgs {
  readonly executeUuid: string;
  /** Fail unless the order's status is one of these. */
  readonly requireStatus?: string[];
  readonly allowNewStatuses?: boolean;
  /** Include script parameter values; otherwise they read `[secret]`. Default false. */
  readonly includeParamValues?: boolean;
}

export interface GetScriptOrderOutputArgs {
  readonly executeUuid: pulumi.Input<string>;
  readonly requireStatus?: pulumi.Input<pulumi.Input<string>[]>;
  readonly allowNewStatuses?: pulumi.Input<boolean>;
  readonly includeParamValues?: pulumi.Input<boolean>;
}

export type ScriptOrderResult = Readonly<ScriptOrderState>;

const settings = () => {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  return settingsFrom((key) => config.get(key.slice(CONFIG_NAMESPACE.length + 1)));
};

/** Reads the order now; bad arguments fail before any request, as for the resource. */
export const getScriptOrder = async (args: GetScriptOrderArgs): Promise<ScriptOrderResult> => {
  const state = await readOrder(settings(), args.executeUuid, { requireStatus: args.requireStatus, allowNewStatuses: args.allowNewStatuses }, (line) => pulumi.log.info(line));
  return args.includeParamValues ? state : { ...redactScriptParams(state), checkedAt: state.checkedAt };
};

/** Parameter values, when included, make the whole result secret: an Output cannot be partly secret. */
export const getScriptOrderOutput = (args: GetScriptOrderOutputArgs): pulumi.Output<ScriptOrderResult> => {
  const result = pulumi.output(args).apply((a) => getScriptOrder({ ...a, requireStatus: a.requireStatus ?? undefined }));
  return pulumi.output(args.includeParamValues).apply((include) => (include ? pulumi.secret(result) : result));
};

export interface ListScriptOrdersArgs {
  /** Only orders created within this many hours. */
  readonly sinceHours?: number;
  readonly status?: string;
  readonly creator?: string;
  /** At most this many orders (newest first). Default 100. */
  readonly limit?: number;
}

/** ListScriptOrders over all pages, as an invoke: for dashboards over a time window. */
export const listScriptOrders = async (args: ListScriptOrdersArgs = {}): Promise<ScriptOrderSummary[]> => {
  const startTime = args.sinceHours === undefined ? undefined : new Date(Date.now() - args.sinceHours * 3_600_000);
  const limit = args.limit ?? 100;
  const r = await listAllScriptOrders(clientFrom(settings()), { startTime, status: args.status, creator: args.creator, limit: Math.min(limit, 100), maxItems: limit })();
  if (E.isLeft(r)) throw new Error(formatCocError(r.left));
  return r.right;
};

/**
 * `ScriptOrderStatus`: the record each ScriptOrder registers as its child for policy packs. The
 * engine leaves Read steps out of policy analysis, so a read resource is invisible to a pack; a
 * component is not, and its registered outputs (taken from the Read step, so known at preview) are
 * what `validateStack` sees. A component has no provider and runs no step: it costs the stack only
 * these few fields.
 */
import * as pulumi from "@pulumi/pulumi";
import * as t from "io-ts";
import { ScriptOrder } from "../sdk/model";

export const SCRIPT_ORDER_STATUS_TYPE = "huaweicloud-coc:index:ScriptOrderStatus";
/** Version 0.1.0 registered the record as a dynamic resource of this type; the pack reads both. */
export const LEGACY_SCRIPT_ORDER_STATUS_TYPE = "pulumi-nodejs:dynamic/coc:ScriptOrderStatus";

/** What the policy pack reads, and nothing more: never the (secret) parameters. */
export const RECORD_FIELDS = ["executeUuid", "status", "phase", "finishedAt", "scriptName", "scriptUuid"] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const ScriptOrderRecord = t.type(
  Object.fromEntries(RECORD_FIELDS.map((k) => [k, ScriptOrder.props[k]])) as Pick<typeof ScriptOrder.props, RecordField>,
  "ScriptOrderRecord",
);
export type ScriptOrderRecord = t.TypeOf<typeof ScriptOrderRecord>;

export class ScriptOrderStatus extends pulumi.ComponentResource {
  constructor(name: string, fields: { readonly [K in RecordField]: pulumi.Input<ScriptOrderRecord[K]> }, opts: pulumi.ComponentResourceOptions) {
    // No inputs: the fields are kept once, as outputs, which is what stack policies read.
    super(SCRIPT_ORDER_STATUS_TYPE, name, {}, opts);
    this.registerOutputs(fields);
  }
}

/**
 * `ScriptOrderStatus`: a small companion resource each ScriptOrder registers as its child, holding
 * the order's non-secret fields. Policy packs never see resources that are only read (the engine
 * leaves Read steps out of policy analysis), so this record is what `policies/` inspects; its
 * inputs come from the Read step and so are known at preview time. It calls nothing.
 */
import * as pulumi from "@pulumi/pulumi";

export const SCRIPT_ORDER_STATUS_TYPE = "pulumi-nodejs:dynamic/coc:ScriptOrderStatus";

/** The fields a record carries: the model without `scriptParams` (secret) and `checkedAt` (always new). */
export const RECORD_FIELDS = [
  "executeUuid", "status", "phase", "terminal", "createdAt", "finishedAt", "executeCosts", "creator", "scriptUuid",
  "scriptName", "scriptVersionUuid", "scriptVersionName", "currentExecuteBatchIndex", "executeUser", "timeoutSeconds",
  "successRate", "resourceful", "scriptSource",
] as const;

const recordProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, unknown>) {
    return { id: String(inputs.executeUuid), outs: inputs };
  },
  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const changed = Object.keys(news).filter((k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    return { changes: changed.length > 0, replaces: changed.includes("executeUuid") ? ["executeUuid"] : [] };
  },
  async update(_id: string, _olds: unknown, news: Record<string, unknown>) {
    return { outs: news };
  },
};

export class ScriptOrderStatus extends pulumi.dynamic.Resource {
  constructor(name: string, fields: Record<(typeof RECORD_FIELDS)[number], pulumi.Input<unknown>>, opts: pulumi.CustomResourceOptions) {
    super(recordProvider, name, fields, opts, "coc", "ScriptOrderStatus");
  }
}

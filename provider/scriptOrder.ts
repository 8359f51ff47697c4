/**
 * `ScriptOrder`: a Pulumi resource that reads an existing COC script order. The order's
 * execute_uuid is the resource id, so the engine runs a Read step (in preview as in up) and never
 * creates, updates or deletes the order; destroy only forgets it.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Phase } from "../sdk/statuses";
import { checkInputs, describeFailures } from "./inputs";
import { scriptOrderProvider } from "./provider";
import { RECORD_FIELDS, ScriptOrderStatus } from "./statusRecord";

export interface ScriptOrderWaitArgs {
  /** Statuses to wait for. Default: any terminal status (a terminal status always ends the wait). */
  readonly until?: pulumi.Input<pulumi.Input<string>[]>;
  /** Give up after this long (1-86400). Default 600. */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /** Time between reads (1-3600). Default 5. */
  readonly intervalSeconds?: pulumi.Input<number>;
  /** Wait during `pulumi preview` as well. Default false: a preview reports the current status. */
  readonly inPreview?: pulumi.Input<boolean>;
}

export interface ScriptOrderArgs {
  /** The order's execute_uuid, e.g. `SCT2023102211473…`. */
  readonly executeUuid: pulumi.Input<string>;
  /** Block `up` until the order settles (see `ScriptOrderWaitArgs`). */
  readonly wait?: pulumi.Input<ScriptOrderWaitArgs>;
  /** Fail the resource, and so everything depending on it, unless the order's status is one of these. */
  readonly requireStatus?: pulumi.Input<pulumi.Input<string>[]>;
  /** Accept statuses in `until`/`requireStatus` that this version does not know. Default false. */
  readonly allowNewStatuses?: pulumi.Input<boolean>;
  /**
   * Register a `ScriptOrderStatus` child holding the order's non-secret fields, for policy packs
   * (which do not see read resources). Default true.
   */
  readonly policyRecord?: boolean;
}

export interface ScriptParamOutput {
  readonly name: string | null;
  readonly value: string | null;
  readonly order: number | null;
}

/** The type token, for policies and `pulumi stack` readers. */
export const SCRIPT_ORDER_TYPE = "pulumi-nodejs:dynamic/coc:ScriptOrder";

const OUTPUTS = [
  "status", "phase", "terminal", "createdAt", "finishedAt", "executeCosts", "creator", "scriptUuid", "scriptName",
  "scriptVersionUuid", "scriptVersionName", "currentExecuteBatchIndex", "executeUser", "timeoutSeconds", "successRate",
  "resourceful", "scriptParams", "scriptSource", "checkedAt",
] as const;

export class ScriptOrder extends pulumi.dynamic.Resource {
  declare readonly executeUuid: pulumi.Output<string>;
  /** As COC sent it; may be a status newer than this package. */
  declare readonly status: pulumi.Output<string | null>;
  declare readonly phase: pulumi.Output<Phase>;
  declare readonly terminal: pulumi.Output<boolean>;
  declare readonly createdAt: pulumi.Output<string | null>;
  declare readonly finishedAt: pulumi.Output<string | null>;
  /** Raw, as sent: the API docs say seconds, their example is milliseconds. */
  declare readonly executeCosts: pulumi.Output<number | null>;
  declare readonly creator: pulumi.Output<string | null>;
  declare readonly scriptUuid: pulumi.Output<string | null>;
  declare readonly scriptName: pulumi.Output<string | null>;
  declare readonly scriptVersionUuid: pulumi.Output<string | null>;
  declare readonly scriptVersionName: pulumi.Output<string | null>;
  declare readonly currentExecuteBatchIndex: pulumi.Output<number | null>;
  declare readonly executeUser: pulumi.Output<string | null>;
  declare readonly timeoutSeconds: pulumi.Output<number | null>;
  declare readonly successRate: pulumi.Output<number | null>;
  declare readonly resourceful: pulumi.Output<boolean | null>;
  /** Secret: parameter values can be passwords. */
  declare readonly scriptParams: pulumi.Output<ScriptParamOutput[] | null>;
  declare readonly scriptSource: pulumi.Output<string | null>;
  /** When the provider last read the order (ISO-8601). */
  declare readonly checkedAt: pulumi.Output<string>;

  /** Reads the order `executeUuid` under the name `name`; same as the constructor with only `executeUuid`. */
  static get(name: string, executeUuid: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): ScriptOrder {
    return new ScriptOrder(name, { executeUuid }, opts);
  }

  constructor(name: string, args: ScriptOrderArgs, opts: pulumi.CustomResourceOptions = {}) {
    rejectBadPlainInputs(name, args, opts);
    super(
      scriptOrderProvider,
      name,
      {
        ...Object.fromEntries(OUTPUTS.map((k) => [k, undefined])),
        executeUuid: args.executeUuid,
        wait: args.wait,
        requireStatus: args.requireStatus,
        allowNewStatuses: args.allowNewStatuses,
        __preview: pulumi.runtime.isDryRun(),
      },
      {
        ...opts,
        id: args.executeUuid,
        additionalSecretOutputs: [...new Set([...(opts.additionalSecretOutputs ?? []), "scriptParams"])],
      },
      "coc",
      "ScriptOrder",
    );
    if (args.policyRecord ?? true) {
      const fields = Object.fromEntries(RECORD_FIELDS.map((k) => [k, this[k]])) as ConstructorParameters<typeof ScriptOrderStatus>[1];
      // Registered from a fresh microtask: Pulumi keeps the full call stack of every registration in
      // state (`stackTrace`), and the record's would repeat its parent's, plus frames of this package,
      // for every order of the stack.
      queueMicrotask(() => new ScriptOrderStatus(`${name}-status`, fields, { parent: this }));
    }
  }
}

/** True when `v` holds no Output or Promise at any depth: its value is known now. */
const isPlain = (v: unknown): boolean => {
  if (pulumi.Output.isInstance(v) || v instanceof Promise) return false;
  if (Array.isArray(v)) return v.every(isPlain);
  if (v !== null && typeof v === "object") return Object.values(v).every(isPlain);
  return true;
};

/**
 * Inputs known at construction are checked here, so a typo fails before any request. Any Output,
 * however deep (`requireStatus: [pulumi.output("FINISHED")]`), leaves the check to the provider.
 */
const rejectBadPlainInputs = (name: string, args: ScriptOrderArgs, opts: pulumi.CustomResourceOptions): void => {
  const { executeUuid, wait, requireStatus, allowNewStatuses } = args;
  const inputs = { executeUuid, wait, requireStatus, allowNewStatuses };
  if (!isPlain(inputs)) return;
  const { failures } = checkInputs(JSON.parse(JSON.stringify(inputs)));
  if (failures.length > 0) {
    throw new pulumi.ResourceError(`ScriptOrder ${name}: ${describeFailures(failures)}`, opts.parent);
  }
};

/**
 * ScriptOrder's inputs: their codec, defaults and checks. Used by the resource constructor (plain
 * values), the provider's `check` and `read`, and the invokes, so every path rejects the same things
 * with the same words, before any request.
 */
import * as E from "fp-ts/Either";
import * as t from "io-ts";
import { KNOWN_STATUSES, unknownStatuses } from "../sdk/statuses";
import { EXECUTE_UUID_PATTERN } from "../sdk/validate";

export const WaitInput = t.partial(
  {
    until: t.array(t.string),
    timeoutSeconds: t.number,
    intervalSeconds: t.number,
    inPreview: t.boolean,
  },
  "WaitInput",
);
export type WaitInput = t.TypeOf<typeof WaitInput>;

export const ScriptOrderInputs = t.intersection(
  [
    t.type({ executeUuid: t.string }),
    t.partial({
      wait: WaitInput,
      requireStatus: t.array(t.string),
      allowNewStatuses: t.boolean,
      /** Set by the resource from `pulumi.runtime.isDryRun()`: the provider process cannot tell otherwise. */
      __preview: t.boolean,
    }),
  ],
  "ScriptOrderInputs",
);
export type ScriptOrderInputs = t.TypeOf<typeof ScriptOrderInputs>;

export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

export const WAIT_LIMITS = {
  timeoutSeconds: { min: 1, max: 86_400, default: 600 },
  intervalSeconds: { min: 1, max: 3_600, default: 5 },
} as const;

/** The wait a ScriptOrder performs, with defaults filled in. */
export interface WaitPlan {
  readonly until: readonly string[] | undefined;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly inPreview: boolean;
}

export const waitPlan = (w: WaitInput): WaitPlan => ({
  until: w.until,
  timeoutMs: (w.timeoutSeconds ?? WAIT_LIMITS.timeoutSeconds.default) * 1000,
  intervalMs: (w.intervalSeconds ?? WAIT_LIMITS.intervalSeconds.default) * 1000,
  inPreview: w.inPreview ?? false,
});

const statusFailures = (property: string, statuses: readonly string[] | undefined, allowNew: boolean): CheckFailure[] => {
  if (statuses === undefined) return [];
  if (statuses.length === 0) return [{ property, reason: "needs at least one status" }];
  const unknown = unknownStatuses(statuses);
  return unknown.length === 0 || allowNew
    ? []
    : [{ property, reason: `unknown status ${unknown.join(", ")} (known: ${KNOWN_STATUSES.join(", ")}; set allowNewStatuses to accept new ones)` }];
};

const rangeFailure = (property: string, value: number | undefined, limits: { min: number; max: number }): CheckFailure[] =>
  value === undefined || (Number.isFinite(value) && value >= limits.min && value <= limits.max)
    ? []
    : [{ property, reason: `must be between ${limits.min} and ${limits.max} seconds, got ${value}` }];

/** Every problem with the inputs, as data. An empty list means the inputs are usable. */
export const checkInputs = (news: unknown): { readonly inputs: ScriptOrderInputs | null; readonly failures: readonly CheckFailure[] } => {
  const decoded = ScriptOrderInputs.decode(news);
  if (E.isLeft(decoded)) {
    const first = decoded.left[0];
    const property = first?.context.map((c) => c.key).filter((k) => k !== "" && !/^\d+$/.test(k)).join(".") || "executeUuid";
    return { inputs: null, failures: [{ property, reason: `has the wrong type (${JSON.stringify(first?.value)})` }] };
  }
  const i = decoded.right;
  const allowNew = i.allowNewStatuses ?? false;
  const failures: CheckFailure[] = [
    ...(EXECUTE_UUID_PATTERN.test(i.executeUuid)
      ? []
      : [{ property: "executeUuid", reason: `${JSON.stringify(i.executeUuid)} is not an execute_uuid (1-26 characters of A-Z a-z 0-9 _ -)` }]),
    ...statusFailures("requireStatus", i.requireStatus, allowNew),
    ...statusFailures("wait.until", i.wait?.until, allowNew),
    ...rangeFailure("wait.timeoutSeconds", i.wait?.timeoutSeconds, WAIT_LIMITS.timeoutSeconds),
    ...rangeFailure("wait.intervalSeconds", i.wait?.intervalSeconds, WAIT_LIMITS.intervalSeconds),
  ];
  const plan = i.wait === undefined ? null : waitPlan(i.wait);
  if (plan !== null && failures.length === 0 && plan.intervalMs > plan.timeoutMs) {
    failures.push({ property: "wait.intervalSeconds", reason: "must not be longer than wait.timeoutSeconds" });
  }
  return { inputs: i, failures };
};

export const describeFailures = (failures: readonly CheckFailure[]): string => failures.map((f) => `${f.property} ${f.reason}`).join("; ");

/**
 * The checks of the policy pack as pure functions over a ScriptOrder's state (the same normalized
 * model the outputs carry), so they are testable without an engine and reusable elsewhere.
 */
import * as E from "fp-ts/Either";
import { ScriptOrderRecord } from "../provider/statusRecord";

/** What a policy sees of each ScriptOrder: its status record (extra fields, as older records carry, ignored). */
export const ScriptOrderProps = ScriptOrderRecord;
export type ScriptOrderProps = ScriptOrderRecord;

export interface Subject {
  /** The Pulumi resource name. */
  readonly name: string;
  readonly props: ScriptOrderProps;
}

export const decodeSubject = (name: string, props: unknown): E.Either<string, Subject> =>
  E.isRight(ScriptOrderProps.decode(props))
    ? E.right({ name, props: props as ScriptOrderProps })
    : E.left(`ScriptOrder ${name}: its state is not a script order (was it read by this package?)`);

const describe = (s: Subject): string => `ScriptOrder ${s.name} (order ${s.props.executeUuid})`;

/** script-order-succeeded: the order's phase is `succeeded`. */
export const checkSucceeded = (s: Subject): string | null =>
  s.props.phase === "succeeded" ? null : `${describe(s)} is ${s.props.status ?? "without a status"} (phase ${s.props.phase}); a succeeded (FINISHED) order is required`;

/** script-order-fresh: finished within `maxAgeHours` of `now`. An order not finished is not fresh either. */
export const checkFresh = (s: Subject, maxAgeHours: number, now: Date): string | null => {
  const finished = s.props.finishedAt === null ? NaN : Date.parse(s.props.finishedAt);
  if (Number.isNaN(finished)) return `${describe(s)} has not finished (status ${s.props.status ?? "unknown"}), so it cannot be fresh`;
  const ageHours = (now.getTime() - finished) / 3_600_000;
  return ageHours <= maxAgeHours ? null : `${describe(s)} finished ${ageHours.toFixed(1)}h ago (at ${s.props.finishedAt}); it must have finished within ${maxAgeHours}h`;
};

/** script-order-script-allowed: the script's name or uuid is listed; an empty list allows everything. */
export const checkScriptAllowed = (s: Subject, allowed: readonly string[]): string | null => {
  if (allowed.length === 0) return null;
  const { scriptName, scriptUuid } = s.props;
  if ((scriptName !== null && allowed.includes(scriptName)) || (scriptUuid !== null && allowed.includes(scriptUuid))) return null;
  return `${describe(s)} ran script ${scriptName ?? "(unnamed)"} (${scriptUuid ?? "no uuid"}), which is not in the allowed list: ${allowed.join(", ")}`;
};

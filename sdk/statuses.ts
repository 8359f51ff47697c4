import * as t from "io-ts";

/**
 * Every status any source names. The doc lists ERROR and ROLLBACKED, the SDKs ABNORMAL instead;
 * production may add more, so a status outside this list is kept as data (phase `unknown`).
 */
export const KnownStatus = t.keyof(
  {
    READY: null,
    PROCESSING: null,
    PAUSED: null,
    FINISHED: null,
    CANCELED: null,
    ABNORMAL: null,
    ERROR: null,
    ROLLBACKED: null,
  },
  "KnownStatus",
);
export type KnownStatus = t.TypeOf<typeof KnownStatus>;

export const KNOWN_STATUSES: readonly KnownStatus[] = Object.keys(KnownStatus.keys) as KnownStatus[];

/** The statuses in `statuses` this version does not know (callers decide whether to accept them). */
export const unknownStatuses = (statuses: readonly string[]): string[] => statuses.filter((s) => !KnownStatus.is(s));

export const Phase = t.keyof({ pending: null, paused: null, succeeded: null, failed: null, unknown: null }, "Phase");
export type Phase = t.TypeOf<typeof Phase>;

const PHASE_OF: Readonly<Record<KnownStatus, Phase>> = {
  READY: "pending",
  PROCESSING: "pending",
  PAUSED: "paused",
  FINISHED: "succeeded",
  ABNORMAL: "failed",
  ERROR: "failed",
  CANCELED: "failed",
  ROLLBACKED: "failed",
};

export const phaseOf = (status: string | null): Phase =>
  status !== null && KnownStatus.is(status) ? PHASE_OF[status] : "unknown";

/** Terminal: the order will not move again without a new execution. PAUSED waits for a person, so it is not. */
export const isTerminalPhase = (phase: Phase): boolean => phase === "succeeded" || phase === "failed";

export const TERMINAL_STATUSES: readonly KnownStatus[] = KNOWN_STATUSES.filter((s) => isTerminalPhase(PHASE_OF[s]));

/**
 * Everything that can go wrong, as values. Inside `sdk/` errors never throw; the CLI and the Pulumi
 * provider turn one into a thrown `CocFailure` whose message is `formatCocError`'s single line.
 * No variant carries credentials, so no message can leak one.
 */

/** Where a request went: enough to name it in a message, nothing secret (signing lives in headers). */
export interface RequestInfo {
  /** The order the request was about, when there is one. */
  readonly executeUuid: string | null;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
}

/** What the server said, as far as it said anything. */
export interface ResponseInfo extends RequestInfo {
  readonly httpStatus: number;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly requestId: string | null;
}

export type CocError =
  | { readonly _tag: "InvalidInput"; readonly field: string; readonly reason: string }
  | ({ readonly _tag: "NotFound" } & ResponseInfo)
  | ({ readonly _tag: "Auth" } & ResponseInfo)
  | ({ readonly _tag: "Throttled" } & ResponseInfo)
  | ({ readonly _tag: "Server" } & ResponseInfo)
  | ({ readonly _tag: "BadRequest" } & ResponseInfo)
  | ({ readonly _tag: "Network"; readonly cause: string } & RequestInfo)
  | ({ readonly _tag: "Timeout"; readonly timeoutMs: number; readonly scope: "attempt" | "deadline" } & RequestInfo)
  | ({ readonly _tag: "Decode"; readonly path: string; readonly reason: string } & ResponseInfo)
  | {
      /** Stopped on request (an AbortSignal: Ctrl-C, SIGTERM, the engine's Cancel). */
      readonly _tag: "Cancelled";
      readonly executeUuid: string | null;
      readonly operation: string;
      readonly elapsedMs: number;
      /** For a wait: the last status it read, if any. */
      readonly lastStatus: string | null;
    }
  | {
      readonly _tag: "WaitTimeout";
      readonly executeUuid: string;
      readonly timeoutMs: number;
      readonly lastStatus: string | null;
      readonly requestId: string | null;
    };

export type CocErrorTag = CocError["_tag"];

// --- constructors ----------------------------------------------------------------------------------

export const invalidInput = (field: string, reason: string): CocError => ({ _tag: "InvalidInput", field, reason });

/** The operation name of a wait, as `Cancelled` carries it. */
export const WAIT_OPERATION = "wait for script order";

// --- rendering -------------------------------------------------------------------------------------

const subject = (e: { executeUuid: string | null; operation: string }): string =>
  e.executeUuid !== null ? `script order ${e.executeUuid}` : e.operation;

const seconds = (ms: number): string => `${+(ms / 1000).toFixed(1)}s`;

const responseDetails = (e: ResponseInfo): string => {
  const parts = [`HTTP ${e.httpStatus}`];
  if (e.errorCode !== null || e.errorMessage !== null) {
    parts.push([e.errorCode, e.errorMessage].filter((x) => x !== null).join(": "));
  }
  parts.push(`request id ${e.requestId ?? "none"}`);
  if (e.attempts > 1) parts.push(`after ${e.attempts} attempts`);
  return parts.join(", ");
};

const attemptsNote = (e: RequestInfo): string => (e.attempts > 1 ? ` after ${e.attempts} attempts` : "");

/** One line naming the order, the HTTP status, the error code and message, and the request id. */
export const formatCocError = (e: CocError): string => {
  switch (e._tag) {
    case "InvalidInput":
      return `invalid ${e.field}: ${e.reason}`;
    case "NotFound":
      return `${subject(e)} was not found (${responseDetails(e)})`;
    case "Auth":
      return `${subject(e)}: authentication or permission denied (${responseDetails(e)})`;
    case "Throttled":
      return `${subject(e)}: throttled by the API (${responseDetails(e)})`;
    case "Server":
      return `${subject(e)}: server error (${responseDetails(e)})`;
    case "BadRequest":
      return `${subject(e)}: request rejected (${responseDetails(e)})`;
    case "Network":
      return `${subject(e)}: network error calling ${e.method} ${e.url}${attemptsNote(e)}: ${e.cause}`;
    case "Timeout":
      return e.scope === "attempt"
        ? `${subject(e)}: no response within ${seconds(e.timeoutMs)} from ${e.method} ${e.url}${attemptsNote(e)}`
        : `${subject(e)}: gave up after ${seconds(e.timeoutMs)} of retries calling ${e.method} ${e.url}${attemptsNote(e)}`;
    case "Decode":
      return `${subject(e)}: response could not be decoded at ${e.path}: ${e.reason} (${responseDetails(e)})`;
    case "Cancelled":
      return e.operation === WAIT_OPERATION && e.executeUuid !== null
        ? `wait for script order ${e.executeUuid} cancelled after ${seconds(e.elapsedMs)} (last status ${e.lastStatus ?? "not read yet"})`
        : `${subject(e)}: cancelled after ${seconds(e.elapsedMs)}`;
    case "WaitTimeout":
      return `script order ${e.executeUuid} is still ${e.lastStatus ?? "without a status"} after waiting ${seconds(e.timeoutMs)} (request id ${e.requestId ?? "none"})`;
  }
};

/** The thrown form, for the edges (CLI, Pulumi) only. */
export class CocFailure extends Error {
  override readonly name = "CocFailure";
  constructor(readonly error: CocError) {
    super(formatCocError(error));
  }
}

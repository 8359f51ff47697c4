/**
 * Exit codes, and the errors that carry them. Commands throw; one catch in `main` maps what was
 * thrown to a code and a single line on stderr.
 */
import type { CocError } from "../sdk/errors";

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  decode: 5,
  unwantedStatus: 6,
  waitTimeout: 7,
  unavailable: 8,
  /** 128 + the signal's number, as shells report a command a signal ended. */
  sigint: 130,
  sigterm: 143,
} as const;

/** The exit code for work cancelled by `signal` (its abort reason is the signal's name). */
export const cancelledExitCode = (signal: AbortSignal | undefined): number => (signal?.reason === "SIGTERM" ? EXIT.sigterm : EXIT.sigint);

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export const exitCodeFor = (e: CocError): number => {
  switch (e._tag) {
    case "InvalidInput":
      return EXIT.usage;
    case "NotFound":
      return EXIT.notFound;
    case "Auth":
      return EXIT.auth;
    case "Decode":
      return EXIT.decode;
    case "WaitTimeout":
      return EXIT.waitTimeout;
    case "Cancelled":
      return EXIT.sigint;
    case "Throttled":
    case "Server":
    case "Network":
    case "Timeout":
      return EXIT.unavailable;
    case "BadRequest":
      return EXIT.unexpected;
  }
};

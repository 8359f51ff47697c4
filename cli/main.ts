/**
 * coc-script-order: parse -> early exits -> client -> work. Data goes to stdout, progress and
 * errors to stderr; every failure is thrown and mapped to an exit code in one place.
 */
import * as E from "fp-ts/Either";
import type { CocClient } from "../sdk/client";
import { createRequestBudget, resolveBudgetLimits } from "../sdk/budget";
import { abortableSleep, createClient, listAllScriptOrders, readScriptOrder } from "../sdk/client";
import type { Env } from "../sdk/credentials";
import { CocFailure, formatCocError } from "../sdk/errors";
import { orThrow } from "../sdk/edge";
import { destroyAgents } from "../sdk/proxy";
import { KNOWN_STATUSES, unknownStatuses } from "../sdk/statuses";
import { VERSION } from "../sdk/version";
import { waitForScriptOrder } from "../sdk/wait";
import type { ParsedArgs } from "./args";
import { parseArgs, parseDuration, USAGE } from "./args";
import { cancelledExitCode, CliError, EXIT, exitCodeFor, UsageError } from "./exit";
import type { OutputFormat } from "./render";
import { elapsed, listText, orderText, shown } from "./render";

export interface Stream {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

export interface Io {
  readonly stdout: Stream;
  readonly stderr: Stream;
  readonly env: Env;
  /** Aborted (with the signal's name as reason) when the command should stop: SIGINT, SIGTERM. */
  readonly signal?: AbortSignal;
}

const stringFlag = (args: ParsedArgs, name: string): string | undefined => {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
};

const outputFormat = (args: ParsedArgs): OutputFormat => {
  const v = stringFlag(args, "output") ?? "text";
  if (v !== "json" && v !== "text") throw new UsageError(`--output must be json or text, got ${JSON.stringify(v)}`);
  return v;
};

/** The command's client; its requests share one budget (HUAWEICLOUD_COC_REQUESTS_PER_SECOND, ...). */
const makeClient = (args: ParsedArgs, env: Env): CocClient => {
  const limits = resolveBudgetLimits({}, env);
  if (E.isLeft(limits)) throw new CocFailure(limits.left);
  const budget = createRequestBudget(limits.right, { now: Date.now, sleep: abortableSleep });
  const c = createClient({ endpoint: stringFlag(args, "endpoint"), region: stringFlag(args, "region"), env, budget });
  if (E.isLeft(c)) throw new CocFailure(c.left);
  return c.right;
};

const parseUntil = (args: ParsedArgs): string[] | undefined => {
  const raw = stringFlag(args, "until");
  if (raw === undefined) return undefined;
  const statuses = raw.split(",").map((s) => s.trim().toUpperCase()).filter((s) => s !== "");
  if (statuses.length === 0) throw new UsageError("--until needs at least one status");
  const unknown = unknownStatuses(statuses);
  if (unknown.length > 0 && !args.flags.has("allow-new-statuses")) {
    throw new UsageError(`unknown status ${unknown.join(", ")} in --until (known: ${KNOWN_STATUSES.join(", ")}; --allow-new-statuses accepts others)`);
  }
  return statuses;
};

const printOrder = (io: Io, args: ParsedArgs, order: Parameters<typeof shown>[0]): void => {
  const o = shown(order, args.flags.has("show-secrets"));
  io.stdout.write(`${outputFormat(args) === "json" ? JSON.stringify(o) : orderText(o)}\n`);
};

const get = async (args: ParsedArgs, io: Io): Promise<number> => {
  outputFormat(args);
  const client = makeClient(args, io.env);
  const { order } = await orThrow(readScriptOrder(client, args.positionals[0], io.signal));
  printOrder(io, args, order);
  return EXIT.ok;
};

const wait = async (args: ParsedArgs, io: Io): Promise<number> => {
  outputFormat(args);
  const uuid = args.positionals[0];
  const until = parseUntil(args);
  const timeoutMs = parseDuration("timeout", stringFlag(args, "timeout") ?? "10m");
  const intervalMs = parseDuration("interval", stringFlag(args, "interval") ?? "5s");
  if (intervalMs < 1_000) throw new UsageError("--interval must be at least 1s");
  if (timeoutMs <= 0) throw new UsageError("--timeout must be positive");
  const client = makeClient(args, io.env);
  const tty = io.stderr.isTTY === true;
  let status = "…";
  const started = Date.now();
  const draw = () => io.stderr.write(`\r\x1b[K${uuid} ${status} ${elapsed(Date.now() - started)}`);
  const ticker = tty ? setInterval(draw, 1_000) : undefined;
  try {
    const result = await orThrow(
      waitForScriptOrder(client, uuid, {
        until,
        timeoutMs,
        intervalMs,
        signal: io.signal,
        onProgress: (p) => {
          status = p.order.status ?? "(no status)";
          if (tty) draw();
          else io.stderr.write(`[${elapsed(p.elapsedMs)}] ${uuid} ${p.previousStatus === null ? "" : `${p.previousStatus} -> `}${status}\n`);
        },
      }),
    );
    if (tty) io.stderr.write("\n");
    printOrder(io, args, result.order);
    const wanted = until ?? ["FINISHED"];
    if (result.order.status !== null && wanted.includes(result.order.status)) return EXIT.ok;
    throw new CliError(`script order ${uuid} ended ${result.order.status ?? "without a status"}; waited for ${wanted.join(" or ")} (request id ${result.requestId ?? "none"})`, EXIT.unwantedStatus);
  } finally {
    if (ticker !== undefined) clearInterval(ticker);
  }
};

const list = async (args: ParsedArgs, io: Io): Promise<number> => {
  const format = outputFormat(args);
  const limitRaw = stringFlag(args, "limit") ?? "50";
  const maxItems = Number(limitRaw);
  if (!Number.isInteger(maxItems) || maxItems < 1) throw new UsageError(`--limit must be a positive integer, got ${JSON.stringify(limitRaw)}`);
  const since = stringFlag(args, "since");
  const startTime = since === undefined ? undefined : new Date(Date.now() - parseDuration("since", since));
  const status = stringFlag(args, "status")?.toUpperCase();
  const client = makeClient(args, io.env);
  const orders = await orThrow(listAllScriptOrders(client, { limit: Math.min(100, maxItems), maxItems, startTime, status, signal: io.signal }));
  if (format === "json") io.stdout.write(`${JSON.stringify(orders)}\n`);
  else if (orders.length > 0) io.stdout.write(`${listText(orders, io.stdout.isTTY === true)}\n`);
  else io.stderr.write("no script orders matched\n");
  return EXIT.ok;
};

export const run = async (argv: readonly string[], io: Io): Promise<number> => {
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === "help") {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (parsed.kind === "version") {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    switch (parsed.command) {
      case "get":
        return await get(parsed, io);
      case "wait":
        return await wait(parsed, io);
      case "list":
        return await list(parsed, io);
    }
  } catch (e) {
    if (e instanceof CocFailure) {
      io.stderr.write(`coc-script-order: ${formatCocError(e.error)}\n`);
      return e.error._tag === "Cancelled" ? cancelledExitCode(io.signal) : exitCodeFor(e.error);
    }
    if (e instanceof CliError) {
      io.stderr.write(`coc-script-order: ${e.message}\n${e.exitCode === EXIT.usage ? "Run coc-script-order --help for usage.\n" : ""}`);
      return e.exitCode;
    }
    io.stderr.write(`coc-script-order: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.unexpected;
  } finally {
    destroyAgents();
  }
};

/**
 * The process entry (bin/coc-script-order.js): the first SIGINT or SIGTERM cancels the command, which
 * then ends within a second with 130 or 143; a second one is left to its default action.
 */
export const main = async (argv: readonly string[]): Promise<number> => {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    controller.abort(name);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await run(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal });
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
};

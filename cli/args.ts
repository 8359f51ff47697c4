/**
 * The command line as data: the flag table, and a parser that turns argv into a command or a usage
 * error (exit 2, before any request).
 */
import { UsageError } from "./exit";

export interface FlagSpec {
  readonly name: string;
  readonly takesValue: boolean;
  readonly commands: readonly string[];
  readonly help: string;
}

export const COMMANDS = ["get", "wait", "list"] as const;
export type Command = (typeof COMMANDS)[number];

const ALL = COMMANDS;
export const FLAGS: readonly FlagSpec[] = [
  { name: "output", takesValue: true, commands: ALL, help: "json | text (default text)" },
  { name: "endpoint", takesValue: true, commands: ALL, help: "COC endpoint URL (https; http only to loopback)" },
  { name: "region", takesValue: true, commands: ALL, help: "region id, e.g. cn-north-4 (default: $HW_REGION_NAME or cn-north-4)" },
  { name: "show-secrets", takesValue: false, commands: ["get", "wait"], help: "print script parameter values instead of [secret]" },
  { name: "until", takesValue: true, commands: ["wait"], help: "STATUS[,STATUS...] to wait for (default: any terminal status; success only on FINISHED)" },
  { name: "timeout", takesValue: true, commands: ["wait"], help: "how long to wait: 600 | 90s | 10m | 1h (default 10m)" },
  { name: "interval", takesValue: true, commands: ["wait"], help: "time between reads, at least 1s: 5 | 5s (default 5s)" },
  { name: "allow-new-statuses", takesValue: false, commands: ["wait"], help: "accept --until statuses this version does not know" },
  { name: "status", takesValue: true, commands: ["list"], help: "only orders in this status" },
  { name: "since", takesValue: true, commands: ["list"], help: "only orders created within this duration: 24h | 90m | 7d" },
  { name: "limit", takesValue: true, commands: ["list"], help: "at most this many orders (default 50)" },
];

export interface ParsedArgs {
  readonly command: Command;
  readonly positionals: readonly string[];
  readonly flags: ReadonlyMap<string, string | true>;
}

export type Parsed = { kind: "help" } | { kind: "version" } | ({ kind: "run" } & ParsedArgs);

export const USAGE = `Usage: coc-script-order <command> [options]

Commands:
  get <execute_uuid>     print one script order
  wait <execute_uuid>    wait until the order reaches a status; exit 0 only if it is one waited for
  list                   list script orders (newest first)

Options:
${FLAGS.map((f) => `  --${f.name}${f.takesValue ? " <value>" : ""}`.padEnd(30) + `${f.help} [${f.commands.join(", ")}]`).join("\n")}
  --help, --version

Credentials come from the environment: HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK (or HW_ACCESS_KEY/HW_SECRET_KEY),
optional HUAWEICLOUD_SDK_SECURITY_TOKEN and HUAWEICLOUD_SDK_DOMAIN_ID.

Exit codes: 0 ok, 1 unexpected, 2 usage or invalid input, 3 not found, 4 authentication or permission,
5 response not decodable, 6 wait ended in another status, 7 wait timed out, 8 COC unavailable after
retries (throttled, server or network errors, no response in time), 130 interrupted by SIGINT (Ctrl-C),
143 by SIGTERM. An interrupted command stops within a second, a read in flight included; a second
Ctrl-C ends it at once.
`;

export const parseArgs = (argv: readonly string[]): Parsed => {
  if (argv.includes("--help") || argv.includes("-h") || argv[0] === "help") return { kind: "help" };
  if (argv.includes("--version")) return { kind: "version" };
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError("missing command (get, wait or list)");
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command ${JSON.stringify(command)} (expected get, wait or list)`);
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = FLAGS.find((f) => f.name === name);
    if (spec === undefined || !spec.commands.includes(command)) throw new UsageError(`unknown option --${name} for ${command}`);
    if (!spec.takesValue) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  const wanted = command === "list" ? 0 : 1;
  if (positionals.length !== wanted) {
    throw new UsageError(wanted === 0 ? `list takes no arguments, got ${positionals.join(" ")}` : `${command} needs exactly one execute_uuid`);
  }
  return { kind: "run", command: command as Command, positionals, flags };
};

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `600` (seconds), `90s`, `10m`, `1h`, `7d` -> milliseconds. */
export const parseDuration = (flag: string, value: string): number => {
  const m = DURATION.exec(value.trim());
  if (!m) throw new UsageError(`--${flag} ${JSON.stringify(value)} is not a duration (e.g. 600, 90s, 10m, 1h)`);
  return Math.round(Number(m[1]) * UNIT_MS[m[2] ?? "s"]);
};

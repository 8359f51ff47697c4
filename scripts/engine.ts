/**
 * The real Pulumi engine, offline: provides the CLI (scripts/pulumi-engine.sh) and runs it against a
 * `file://` backend with a private PULUMI_HOME, update checks and plugin downloads off. Used by
 * `npm run demo`, the end-to-end tests and the examples' tests.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import * as path from "node:path";

export const REPO_ROOT = path.join(__dirname, "..", "..");
const ENGINE_SCRIPT = path.join(REPO_ROOT, "scripts", "pulumi-engine.sh");
/** The dynamic-provider plugin (pulumi-resource-pulumi-nodejs) ships inside @pulumi/pulumi. */
const NODEJS_PLUGIN_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] }));

let engineBin: string | undefined;

/** Builds or finds the engine once per process; progress goes to this process's stderr. */
export const ensureEngine = (): string => {
  if (engineBin !== undefined) return engineBin;
  const r = spawnSync("bash", [ENGINE_SCRIPT], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${ENGINE_SCRIPT} failed (exit ${r.status})`);
  engineBin = r.stdout.trim().split("\n").pop() ?? "";
  return engineBin;
};

export interface PulumiWorkspace {
  /** The `file://` backend's folder. */
  readonly stateDir: string;
  /** PULUMI_HOME: plugins, credentials and workspace settings of this workspace only. */
  readonly homeDir: string;
  /** Passphrase for the stack's secrets provider. */
  readonly passphrase: string;
}

export const pulumiEnv = (ws: PulumiWorkspace, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  mkdirSync(ws.stateDir, { recursive: true });
  mkdirSync(ws.homeDir, { recursive: true });
  return {
    ...process.env,
    PATH: [ensureEngine(), NODEJS_PLUGIN_DIR, process.env.PATH].join(path.delimiter),
    PULUMI_HOME: ws.homeDir,
    PULUMI_BACKEND_URL: `file://${ws.stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: ws.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    ...extra,
  };
};

export interface PulumiRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs `pulumi args...` in `cwd`; `echo` streams its output through (the demo), tests capture it. */
export const runPulumi = (args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean; input?: string }): Promise<PulumiRun> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (opts.echo) process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (opts.echo) process.stderr.write(d);
    });
    child.stdin.end(opts.input ?? "");
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });

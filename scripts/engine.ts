/**
 * The real Pulumi engine, offline: provides the CLI (scripts/pulumi-engine.sh) and runs it against a
 * `file://` backend with a private PULUMI_HOME, update checks and plugin downloads off. Used by
 * `npm run demo`, the end-to-end tests and the examples' tests.
 */
import type { ChildProcess } from "node:child_process";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export const REPO_ROOT = path.join(__dirname, "..", "..");
const ENGINE_SCRIPT = path.join(REPO_ROOT, "scripts", "pulumi-engine.sh");
/** The runtime name whose launcher, pulumi-analyzer-policy-<name>, the engine script puts beside `pulumi`. */
const LEGACY_POLICY_RUNTIME = "nodejs-legacy-analyzer";

/**
 * Runs a build script of `scripts/` (it builds or finds something in the cache and prints its path as
 * the last line of stdout) once per process; progress goes to this process's stderr.
 */
export const cachedBuild = (script: string): (() => string) => {
  let result: string | undefined;
  return () => {
    if (result !== undefined) return result;
    const r = spawnSync("bash", [script], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status})`);
    result = r.stdout.trim().split("\n").pop() ?? "";
    return result;
  };
};

/** The folder holding `pulumi` and its bundled plugins. */
export const ensureEngine = cachedBuild(ENGINE_SCRIPT);

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
    // The engine directory holds the bundled plugins too (pulumi-resource-pulumi-nodejs, the policy
    // launcher), as Pulumi's own distribution does: nothing else is needed on PATH.
    PATH: [ensureEngine(), process.env.PATH].join(path.delimiter),
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

export interface PulumiProcess {
  readonly child: ChildProcess;
  readonly done: Promise<PulumiRun>;
}

/**
 * Starts `pulumi args...` in `cwd`; `echo` streams its output through (the demo), tests capture it.
 * `detached` gives it a process group of its own, as a terminal's job has (for signalling the group).
 */
export const startPulumi = (args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean; input?: string; detached?: boolean }): PulumiProcess => {
  const started = Date.now();
  const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"], detached: opts.detached ?? false });
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
  const done = new Promise<PulumiRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
  return { child, done };
};

export const runPulumi = (args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean; input?: string }): Promise<PulumiRun> => startPulumi(args, opts).done;

/**
 * The folder to pass to `--policy-pack`. A standard Pulumi runs a Node.js pack through its language
 * host, so that is `packDir` itself. The fallback language host built here cannot (it has no
 * RunPlugin), so the pack is described again, in a `.cache/` folder beside the pack's own, with a
 * runtime that has no language host: the engine then launches `pulumi-analyzer-policy-<runtime>`
 * (put beside `pulumi` by the engine script), the way Pulumi ran packs before plugins. Same pack
 * code, same engine protocol; being beside the pack, it resolves @pulumi/pulumi as the pack does.
 */
export const policyPackPath = (packDir: string): string => {
  const marker = path.join(ensureEngine(), "langhost-fallback");
  if (!existsSync(marker)) return packDir;
  const pkg = JSON.parse(readFileSync(path.join(packDir, "package.json"), "utf8")) as { name: string; version: string; main?: string };
  const dir = path.join(packDir, "..", ".cache", `legacy-policy-pack-${path.basename(packDir)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "PulumiPolicy.yaml"), `runtime: ${LEGACY_POLICY_RUNTIME}\n`);
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: pkg.name, version: pkg.version, private: true, main: path.resolve(packDir, pkg.main ?? "index.js") }, null, 2),
  );
  return dir;
};

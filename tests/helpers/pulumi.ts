import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { PulumiProcess, PulumiRun } from "../../scripts/engine";
import { ensureEngine, pulumiEnv, REPO_ROOT, runPulumi, startPulumi } from "../../scripts/engine";

/** Long enough for a cold engine build on this machine (about 5 minutes) plus slack. */
export const ENGINE_BUILD_TIMEOUT_MS = 30 * 60 * 1000;

export interface Project {
  readonly dir: string;
  readonly stateDir: string;
  readonly env: NodeJS.ProcessEnv;
  run(args: readonly string[]): Promise<PulumiRun>;
  /** Starts `pulumi args...` without waiting; `detached` gives it its own process group. */
  start(args: readonly string[], detached?: boolean): PulumiProcess;
  /** `stack select --create` then `config set` each key; secrets with --secret. */
  stack(name: string, config: Record<string, string>, secrets?: Record<string, string>): Promise<void>;
}

/**
 * A Pulumi project with its own file backend and PULUMI_HOME under .cache/e2e/<name>, emptied first
 * (stacks left by an earlier run would hide what this one does). Either an existing project folder
 * (an example), or a generated one whose program is a compiled file of ours. Both live inside the
 * repository, so the language host finds node_modules.
 */
export const makeProject = (name: string, program: { readonly programFile: string } | { readonly projectDir: string }): Project => {
  ensureEngine();
  const work = path.join(REPO_ROOT, ".cache", "e2e", name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const dir = "projectDir" in program ? program.projectDir : work;
  if ("programFile" in program) {
    writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: ${path.relative(dir, program.programFile)}\n`,
    );
  }
  const stateDir = path.join(work, ".state");
  const env = pulumiEnv({ stateDir, homeDir: path.join(work, ".home"), passphrase: "e2e-passphrase" });
  const run = (args: readonly string[]) => runPulumi(args, { cwd: dir, env });
  const must = async (args: readonly string[]) => {
    const r = await run(args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed: ${r.stderr}${r.stdout}`);
  };
  return {
    dir,
    stateDir,
    env,
    run,
    start: (args, detached = false) => startPulumi(args, { cwd: dir, env, detached }),
    async stack(stack, config, secrets = {}) {
      // A stack file left by an earlier run belongs to state this run has emptied.
      rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
      await must(["stack", "select", "--create", stack]);
      for (const [k, v] of Object.entries(config)) await must(["config", "set", k, v]);
      for (const [k, v] of Object.entries(secrets)) await must(["config", "set", "--secret", k, v]);
    },
  };
};

/**
 * npm run demo — the main job: provide the Pulumi engine, start the COC emulator, run `pulumi up` on
 * the top-level demo stack against it, print `pulumi stack output --json`, stop the emulator.
 * State stays in .pulumi-state/ (a file backend), so running it again updates the same stack.
 */
import * as path from "node:path";
import { DEFAULT_FIXTURES, loadFixtureFile, startEmulator } from "../emulator";
import type { PulumiRun } from "./engine";
import { ensureEngine, pulumiEnv, REPO_ROOT, runPulumi } from "./engine";

const STACK = process.env.COC_DEMO_STACK ?? "demo";

const must = (what: string, r: PulumiRun): PulumiRun => {
  if (r.code !== 0) throw new Error(`pulumi ${what} failed (exit ${r.code})${r.stderr.trim() ? `:\n${r.stderr.trim()}` : ""}`);
  return r;
};

const main = async (): Promise<void> => {
  const t0 = Date.now();
  process.stderr.write("[demo] providing the Pulumi engine\n");
  ensureEngine();
  const emulator = await startEmulator({ orders: loadFixtureFile(DEFAULT_FIXTURES) });
  process.stderr.write(`[demo] COC emulator on ${emulator.url}\n`);
  try {
    const env = pulumiEnv({
      stateDir: path.join(REPO_ROOT, ".pulumi-state"),
      homeDir: path.join(REPO_ROOT, ".cache", "pulumi-home"),
      // Demo-only default; the stack's secrets are the emulator's throwaway credentials.
      passphrase: process.env.PULUMI_CONFIG_PASSPHRASE ?? "coc-demo-passphrase",
    });
    const run = (args: string[], echo = false) => runPulumi(args, { cwd: REPO_ROOT, env, echo });
    must("stack select", await run(["stack", "select", "--create", STACK]));
    const { accessKey, secretKey } = emulator.credentials;
    must("config set", await run(["config", "set", "huaweicloud-coc:endpoint", emulator.url]));
    must("config set", await run(["config", "set", "huaweicloud-coc:accessKey", accessKey]));
    must("config set", await run(["config", "set", "--secret", "huaweicloud-coc:secretKey", secretKey]));
    process.stderr.write("[demo] pulumi up (the migration order finishes while up waits)\n");
    must("up", await run(["up", "--yes", "--skip-preview"], true));
    const outputs = must("stack output", await run(["stack", "output", "--json"]));
    process.stdout.write(outputs.stdout);
    process.stderr.write(`[demo] done in ${Math.round((Date.now() - t0) / 1000)}s; stack "${STACK}" is in .pulumi-state/\n`);
  } finally {
    await emulator.stop();
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`[demo] ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});

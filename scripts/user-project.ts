/**
 * A user's project outside this repository, the shape `pulumi new typescript` makes, with this
 * package installed from a tarball (`npm pack`), run by the real engine with its own file backend.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "../emulator";
import type { PulumiRun } from "./engine";
import { pulumiEnv, runPulumi } from "./engine";

const TSCONFIG = {
  compilerOptions: { strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true, experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true },
  files: ["index.ts"],
};

export const sh = (cmd: string, args: readonly string[], cwd: string): string => {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout;
};

/** `npm pack` of the package in `dir` into `dest`; the tarball's path. */
export const pack = (dir: string, dest: string): string => path.join(dest, sh("npm", ["pack", "--silent", "--pack-destination", dest], dir).trim().split("\n").pop()!);

export interface UserProject {
  /** The scratch folder holding the project, its state and its Pulumi home. */
  readonly work: string;
  readonly dir: string;
  run(args: readonly string[]): Promise<PulumiRun>;
  /** Runs and fails the test unless pulumi exits 0. */
  must(args: readonly string[]): Promise<PulumiRun>;
  /** `stack select --create`, the emulator's endpoint and credentials, then `config`. */
  stack(name: string, emu: Emulator, config?: Record<string, string>): Promise<void>;
  /** Installs (again) the package from `tarball`. */
  install(tarball: string): void;
  remove(): void;
}

export const userProject = (name: string, program: string, tarball: string): UserProject => {
  const work = mkdtempSync(path.join(os.tmpdir(), `coc-${name}-`));
  const dir = path.join(work, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\ndescription: a release gated on a COC script order\nruntime:\n  name: nodejs\n  options:\n    packagemanager: npm\n`);
  const manifest = (pkg: string) =>
    JSON.stringify({ name, main: "index.ts", devDependencies: { "@types/node": "20.19.43", typescript: "5.9.3" }, dependencies: { "@pulumi/pulumi": "3.248.0", "pulumi-huaweicloud-coc": `file:${pkg}` } }, null, 2);
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  writeFileSync(path.join(dir, "index.ts"), program);
  const install = (pkg: string) => {
    writeFileSync(path.join(dir, "package.json"), manifest(pkg));
    sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], dir);
  };
  install(tarball);
  const env = pulumiEnv({ stateDir: path.join(work, "state"), homeDir: path.join(work, "home"), passphrase: "scratch-passphrase" });
  const run = (args: readonly string[]) => runPulumi(args, { cwd: dir, env });
  const must = async (args: readonly string[]) => {
    const r = await run(args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
    return r;
  };
  return {
    work,
    dir,
    run,
    must,
    async stack(stack, emu, config = {}) {
      await must(["stack", "select", "--create", stack]);
      await must(["config", "set", "huaweicloud-coc:endpoint", emu.url]);
      await must(["config", "set", "huaweicloud-coc:accessKey", emu.credentials.accessKey]);
      await must(["config", "set", "--secret", "huaweicloud-coc:secretKey", emu.credentials.secretKey]);
      for (const [k, v] of Object.entries(config)) await must(["config", "set", k, v]);
    },
    install,
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
};

/**
 * npm run bench:provider — the bytes each ScriptOrder keeps in state as `__provider` (twice: in its
 * inputs and its outputs), in both shapes: installed (the package under node_modules, which Pulumi
 * serializes as a `require`) and in a checkout (an object requiring the provider module by file).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the installed copy is loaded by path */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { scriptOrderProvider } from "../provider/provider";

const GOAL = 4096;
const REPO_ROOT = path.join(__dirname, "..", "..");

const serialize = async (provider: pulumi.dynamic.ResourceProvider): Promise<number> =>
  Buffer.byteLength((await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text, "utf8");

/** The built package copied under a node_modules folder, its dependencies linked beside it. */
const installedCopy = (root: string): pulumi.dynamic.ResourceProvider => {
  const modules = path.join(root, "node_modules");
  const pkg = path.join(modules, "pulumi-huaweicloud-coc");
  mkdirSync(pkg, { recursive: true });
  cpSync(path.join(REPO_ROOT, "package.json"), path.join(pkg, "package.json"));
  for (const dir of ["provider", "sdk"]) cpSync(path.join(REPO_ROOT, "dist", dir), path.join(pkg, "dist", dir), { recursive: true });
  for (const dep of readdirSync(path.join(REPO_ROOT, "node_modules")).filter((d) => !d.startsWith("."))) {
    symlinkSync(path.join(REPO_ROOT, "node_modules", dep), path.join(modules, dep), "dir");
  }
  return (require(path.join(pkg, "dist", "provider", "provider.js")) as { scriptOrderProvider: pulumi.dynamic.ResourceProvider }).scriptOrderProvider;
};

const main = async (): Promise<void> => {
  const root = mkdtempSync(path.join(os.tmpdir(), "coc-bench-provider-"));
  try {
    const report = (shape: string, bytes: number) =>
      console.log(`serialized __provider, ${shape}: ${bytes} bytes (goal <= ${GOAL}${bytes <= GOAL ? ", met" : ", NOT met"})`);
    report("installed (require of pulumi-huaweicloud-coc/provider/dynamic)", await serialize(installedCopy(root)));
    report("in a checkout (by file)", await serialize(scriptOrderProvider));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

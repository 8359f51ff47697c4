import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import * as path from "node:path";

export const CLI_BIN = path.join(__dirname, "..", "..", "..", "bin", "coc-script-order.js");

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the real `coc-script-order` binary with only PATH and `env` in its environment. */
export const startCli = (args: readonly string[], env: Record<string, string>): { readonly child: ChildProcess; readonly done: Promise<CliRun> } => {
  const child = spawn(process.execPath, [CLI_BIN, ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
};

export const runCli = (args: readonly string[], env: Record<string, string>): Promise<CliRun> => startCli(args, env).done;

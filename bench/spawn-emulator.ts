import { spawn } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";

export interface EmulatorProcess {
  readonly url: string;
  readonly accessKey: string;
  readonly secretKey: string;
  stop(): void;
}

/** The emulator in its own process, so its CPU time does not count against the client being measured. */
export const spawnEmulator = (args: readonly string[] = []): Promise<EmulatorProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, "..", "emulator", "main.js"), "--json", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
    readline.createInterface({ input: child.stdout }).once("line", (line) => {
      const info = JSON.parse(line) as { url: string; accessKey: string; secretKey: string };
      resolve({ ...info, stop: () => child.kill("SIGTERM") });
    });
  });

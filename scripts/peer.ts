/**
 * The official Huawei Cloud Go SDK as a client of the emulator: `tests/peer` (coc-peer), built with
 * this machine's Go by scripts/peer-build.sh and cached outside git like the engine.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import * as E from "fp-ts/Either";
import type { Emulator } from "../emulator";
import { parseJsonLossless } from "../sdk/json";
import { cachedBuild } from "./engine";

const BUILD_SCRIPT = path.join(__dirname, "..", "..", "scripts", "peer-build.sh");

/** A cold build (empty Go caches) takes about a minute here. */
export const PEER_BUILD_TIMEOUT_MS = 10 * 60 * 1000;

/** The coc-peer binary, built (or found in the cache) once per process. */
export const peerBinary = cachedBuild(BUILD_SCRIPT);

export interface PeerError {
  readonly status_code?: number;
  readonly error_code?: string;
  readonly error_msg?: string;
  readonly request_id?: string;
  readonly message?: string;
}

export interface PeerLine<R> {
  readonly uuid?: string;
  readonly ok: boolean;
  readonly response?: R;
  readonly error?: PeerError;
}

export const peerEnv = (target: { url: string; credentials: Pick<Emulator["credentials"], "accessKey" | "secretKey"> }, extra: Record<string, string> = {}): Record<string, string> => ({
  COC_PEER_ENDPOINT: target.url,
  HUAWEICLOUD_SDK_AK: target.credentials.accessKey,
  HUAWEICLOUD_SDK_SK: target.credentials.secretKey,
  ...extra,
});

/** Runs coc-peer with only `env` (and PATH, HOME) and returns its JSON lines. */
export const runPeer = <R = unknown>(args: readonly string[], env: Record<string, string>): Promise<PeerLine<R>[]> => runPeerLines(args, env);

export interface PeerBench {
  readonly reads: number;
  readonly us_per_read: number;
  readonly errors: number;
}

/** `coc-peer bench`: `reads` sequential reads of one order with one client, after a warm-up. */
export const peerBench = async (uuid: string, reads: number, env: Record<string, string>): Promise<PeerBench> =>
  (await runPeerLines<PeerBench>(["bench", uuid, String(reads)], env))[0];

const runPeerLines = <L>(args: readonly string[], env: Record<string, string>): Promise<L[]> =>
  new Promise((resolve, reject) => {
    const child = spawn(peerBinary(), args, { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`coc-peer ${args.join(" ")} exited ${code}: ${stderr}`));
      // Lossless: int64 values past 2^53 arrive as exact decimal strings, as in our decoder.
      const parse = (l: string): L => {
        const v = parseJsonLossless(l);
        if (E.isLeft(v)) throw new Error(`coc-peer printed a line that is not JSON: ${l}`);
        return v.right as L;
      };
      resolve(stdout.trim() === "" ? [] : stdout.trim().split("\n").map(parse));
    });
  });

/**
 * npm run bench:sdk — the cost of getScriptOrder (validate, sign, fetch, lossless parse, decode,
 * normalize) next to a bare node-fetch GET + JSON.parse of the same URL, against the emulator.
 * Rounds alternate between the two so machine noise hits both; medians are compared.
 * Goal: ratio at most 1.15, sequential and at concurrency 16. Sequentially, the official Huawei
 * Cloud Go SDK (tests/peer, huaweicloud-sdk-go-v3 v0.1.207) reads the same order in the same rounds:
 * the peer that most automation uses, as a second reference.
 *
 * Two placements of the emulator are measured. In its own process, every request crosses to the
 * other vCPU: when the client is the slower side, the emulator idles between requests and each
 * write pays for waking it, which inflates any client-side cost on this VM. In this process, that
 * wake-up is gone and the emulator's own work is shared by both sides.
 */
import * as http from "node:http";
import * as E from "fp-ts/Either";
import fetch from "node-fetch";
import { DEFAULT_FIXTURES, loadFixtureFile, startEmulator } from "../emulator";
import { createClient, getScriptOrder } from "../sdk/client";
import { destroyAgents } from "../sdk/proxy";
import { sign } from "../sdk/signer";
import { peerBench, peerBinary, peerEnv } from "../scripts/peer";
import { spawnEmulator } from "./spawn-emulator";

const UUID = "SCT20261127DEMOROTATE001";
const ROUNDS = 9;
const PER_ROUND = 400;
const GOAL = 1.15;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Round {
  readonly wallMs: number;
  /** This process's CPU (user + system): steadier than wall time on a shared machine. */
  readonly cpuMs: number;
}

const runConcurrent = async (n: number, concurrency: number, one: () => Promise<void>): Promise<Round> => {
  let next = 0;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await one();
    }),
  );
  const used = process.cpuUsage(cpu);
  return { wallMs: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1000 };
};

interface Target {
  readonly url: string;
  readonly accessKey: string;
  readonly secretKey: string;
}

/** The official Go SDK's sequential µs per read of the same order (one client, warmed up). */
const officialPerRead = async (target: Target): Promise<number> => {
  const r = await peerBench(UUID, PER_ROUND, peerEnv({ url: target.url, credentials: target }));
  if (r.errors !== 0) throw new Error(`official Go SDK: ${r.errors} reads failed`);
  return r.us_per_read;
};

const measure = async (placement: string, target: Target): Promise<void> => {
  const client = createClient({ endpoint: target.url, accessKey: target.accessKey, secretKey: target.secretKey, env: {} });
  if (E.isLeft(client)) throw new Error("client");
  const url = new URL(`${target.url}/v1/job/script/orders/${UUID}`);
  // The bare request is signed once, up front: what is measured is everything the SDK adds.
  const signed = sign({ method: "GET", url, headers: {}, body: "", accessKey: target.accessKey, secretKey: target.secretKey, date: new Date() }).headers;
  const agent = new http.Agent({ keepAlive: true });
  const bare = async () => {
    const res = await fetch(url.href, { headers: signed, agent });
    if (res.status !== 200) throw new Error(`bare GET: HTTP ${res.status}`);
    JSON.parse(await res.text());
  };
  const viaSdk = async () => {
    const r = await getScriptOrder(client.right, UUID)();
    if (E.isLeft(r)) throw new Error(`getScriptOrder: ${r.left._tag}`);
  };
  try {
    for (const concurrency of [1, 16]) {
      await runConcurrent(200, concurrency, bare);
      await runConcurrent(200, concurrency, viaSdk);
      const rounds = { bare: [] as Round[], sdk: [] as Round[], official: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        rounds.bare.push(await runConcurrent(PER_ROUND, concurrency, bare));
        rounds.sdk.push(await runConcurrent(PER_ROUND, concurrency, viaSdk));
        if (concurrency === 1) rounds.official.push(await officialPerRead(target));
      }
      const perRead = (xs: Round[], k: keyof Round) => (median(xs.map((r) => r[k])) * 1000) / PER_ROUND;
      const [b, s] = [perRead(rounds.bare, "wallMs"), perRead(rounds.sdk, "wallMs")];
      const [bc, sc] = [perRead(rounds.bare, "cpuMs"), perRead(rounds.sdk, "cpuMs")];
      const ratio = s / b;
      console.log(
        `${placement}, concurrency ${String(concurrency).padStart(2)}: getScriptOrder ${s.toFixed(1)} µs/read, bare fetch+JSON.parse ${b.toFixed(1)} µs/read, ` +
          `ratio ${ratio.toFixed(3)} (goal <= ${GOAL}${ratio <= GOAL ? ", met" : ", NOT met"}); process CPU ${sc.toFixed(1)} vs ${bc.toFixed(1)} µs/read (${(sc / bc).toFixed(3)})`,
      );
      if (rounds.official.length > 0) {
        const o = median(rounds.official);
        console.log(`${placement}, concurrency  1: ours ${s.toFixed(1)} / official Go SDK ${o.toFixed(1)} / bare node-fetch ${b.toFixed(1)} µs/read; ours / official ${(s / o).toFixed(3)}`);
      }
    }
  } finally {
    agent.destroy();
    destroyAgents();
  }
};

const main = async (): Promise<void> => {
  peerBinary();
  const separate = await spawnEmulator();
  try {
    await measure("emulator in its own process", separate);
  } finally {
    separate.stop();
  }
  const inProcess = await startEmulator({ orders: loadFixtureFile(DEFAULT_FIXTURES) });
  try {
    await measure("emulator in this process ", { url: inProcess.url, ...inProcess.credentials });
  } finally {
    await inProcess.stop();
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

/**
 * npm run bench:sdk — the cost of getScriptOrder (validate, sign, fetch, lossless parse, decode,
 * normalize) next to a bare node-fetch GET + JSON.parse of the same URL, against the emulator in its
 * own process. Rounds alternate between the two so machine noise hits both; medians are compared.
 * Goal: ratio at most 1.15, sequential and at concurrency 16.
 */
import * as http from "node:http";
import * as E from "fp-ts/Either";
import fetch from "node-fetch";
import { createClient, getScriptOrder } from "../sdk/client";
import { destroyAgents } from "../sdk/proxy";
import { sign } from "../sdk/signer";
import { spawnEmulator } from "./spawn-emulator";

const UUID = "SCT20261127DEMOROTATE001";
const ROUNDS = 9;
const PER_ROUND = 400;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const runConcurrent = async (n: number, concurrency: number, one: () => Promise<void>): Promise<number> => {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await one();
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const main = async (): Promise<void> => {
  const emu = await spawnEmulator();
  try {
    const client = createClient({ endpoint: emu.url, accessKey: emu.accessKey, secretKey: emu.secretKey, env: {} });
    if (E.isLeft(client)) throw new Error("client");
    const url = new URL(`${emu.url}/v1/job/script/orders/${UUID}`);
    // The bare request is signed once, up front: what is measured is everything the SDK adds.
    const signed = sign({ method: "GET", url, headers: {}, body: "", accessKey: emu.accessKey, secretKey: emu.secretKey, date: new Date() }).headers;
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
    for (const concurrency of [1, 16]) {
      await runConcurrent(200, concurrency, bare);
      await runConcurrent(200, concurrency, viaSdk);
      const times = { bare: [] as number[], sdk: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        times.bare.push(await runConcurrent(PER_ROUND, concurrency, bare));
        times.sdk.push(await runConcurrent(PER_ROUND, concurrency, viaSdk));
      }
      const perRead = (ms: number) => (ms * 1000) / PER_ROUND;
      const b = perRead(median(times.bare));
      const s = perRead(median(times.sdk));
      const ratio = s / b;
      console.log(
        `concurrency ${String(concurrency).padStart(2)}: getScriptOrder ${s.toFixed(1)} µs/read, bare fetch+JSON.parse ${b.toFixed(1)} µs/read, ratio ${ratio.toFixed(3)} (goal <= 1.15${ratio <= 1.15 ? ", met" : ", NOT met"})`,
      );
    }
    agent.destroy();
  } finally {
    destroyAgents();
    emu.stop();
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

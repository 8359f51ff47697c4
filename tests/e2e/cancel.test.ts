/**
 * Ctrl-C during a wait, with the real engine: `pulumi up` stops within seconds, the ScriptOrder is
 * reported cancelled in one line, nothing keeps polling COC afterwards, and the stack stays usable.
 */
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import type { PulumiProcess, PulumiRun } from "../../scripts/engine";
import { order } from "../helpers/emulator";
import type { Project } from "../helpers/pulumi";
import { ENGINE_BUILD_TIMEOUT_MS, makeProject } from "../helpers/pulumi";

const PROGRAM = path.join(__dirname, "program", "index.js");
const INTERVAL_S = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Proc {
  readonly pid: number;
  readonly cmd: string;
}

/** Every process below `root` (its children, their children, ...), from /proc. */
const descendants = (root: number): Proc[] => {
  const all = readdirSync("/proc")
    .filter((f) => /^\d+$/.test(f))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return [{ pid: Number(pid), ppid, cmd: readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim() }];
      } catch {
        return [];
      }
    });
  const out: Proc[] = [];
  const walk = (pid: number) => {
    for (const p of all.filter((q) => q.ppid === pid)) {
      out.push({ pid: p.pid, cmd: p.cmd });
      walk(p.pid);
    }
  };
  walk(root);
  return out;
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("cancelling `pulumi up` during a wait, with the real engine", function () {
  this.timeout(180_000);
  let emu: Emulator;
  let project: Project;
  let n = 0;

  before(async function () {
    this.timeout(ENGINE_BUILD_TIMEOUT_MS);
    emu = await startEmulator();
    project = makeProject("coc-e2e-cancel", { programFile: PROGRAM });
  });
  /** Every process an `up` started, seen while it waited: cleaned up whatever a test leaves. */
  const started: Proc[] = [];
  after(async () => {
    for (const p of started.filter((q) => alive(q.pid))) process.kill(p.pid, "SIGKILL");
    await emu?.stop();
  });

  const readsOf = (uuid: string) => emu.requests().filter((r) => r.path.endsWith(`/${uuid}`));

  /** A stack whose `up` waits up to 600 s on a PAUSED order; returns the running `up` once it polls. */
  const upWaiting = async (detached: boolean): Promise<{ uuid: string; up: PulumiProcess; providers: Proc[] }> => {
    const uuid = `SCTE2ECANCEL${String(++n).padStart(4, "0")}`;
    emu.addOrders([order(uuid, { lifecycle: { status: "PAUSED" } })]);
    await project.stack(
      `cancel${n}`,
      {
        "huaweicloud-coc:endpoint": emu.url,
        "huaweicloud-coc:accessKey": emu.credentials.accessKey,
        "e2e:orders": JSON.stringify([{ name: "paused", executeUuid: uuid, wait: { timeoutSeconds: 600, intervalSeconds: INTERVAL_S }, requireStatus: ["FINISHED"] }]),
        "e2e:dependent": "true",
      },
      { "huaweicloud-coc:secretKey": emu.credentials.secretKey },
    );
    const up = project.start(["up", "--yes", "--skip-preview"], detached);
    // In the wait: it has read the order at least twice.
    for (let i = 0; readsOf(uuid).length < 2; i++) {
      assert.ok(i < 300, "the wait never started polling");
      await sleep(100);
    }
    const below = descendants(up.child.pid!);
    started.push(...below);
    const providers = below.filter((p) => p.cmd.includes("cmd/dynamic-provider"));
    assert.ok(providers.length > 0, `no provider process below pulumi: ${below.map((p) => p.cmd).join("; ")}`);
    return { uuid, up, providers };
  };

  /** Its result, or (killed) a failure to exit in time: a hung `up` fails the test instead of stalling it. */
  const exited = async (up: PulumiProcess): Promise<PulumiRun> => {
    const killer = setTimeout(() => up.child.kill("SIGKILL"), 15_000);
    try {
      return await up.done;
    } finally {
      clearTimeout(killer);
    }
  };

  const text = (r: PulumiRun) => (r.stdout + r.stderr).replace(/\r/g, "");

  /** pulumi ended soon, said once why the ScriptOrder failed, and nothing read the order afterwards. */
  const assertCancelled = async (uuid: string, providers: readonly Proc[], r: PulumiRun, signalledAt: number, endedAt: number) => {
    assert.ok(endedAt - signalledAt < 10_000, `pulumi exited ${endedAt - signalledAt} ms after the signal`);
    assert.notEqual(r.code, 0);
    const line = new RegExp(`wait for script order ${uuid} cancelled after \\d+(\\.\\d)?s \\(last status PAUSED\\)`);
    const diagnostics = text(r).slice(text(r).indexOf("Diagnostics:"));
    assert.equal(diagnostics.split("\n").filter((l) => line.test(l)).length, 1, text(r));
    await sleep((INTERVAL_S + 1) * 1000);
    const late = readsOf(uuid).filter((q) => Date.parse(q.time) > endedAt);
    assert.deepEqual(late, [], "the order was read after pulumi exited");
    assert.deepEqual(providers.filter((p) => alive(p.pid)), [], "a provider process outlived pulumi");
  };

  /** The stack is usable: once the order FINISHED, the next `up` runs normally and creates the dependent. */
  const assertUsable = async (uuid: string) => {
    emu.addOrders([order(uuid, { lifecycle: { status: "FINISHED" } })]);
    const again = await project.run(["up", "--yes", "--skip-preview"]);
    assert.equal(again.code, 0, text(again));
    const outputs = JSON.parse((await project.run(["stack", "output", "--json"])).stdout);
    assert.equal(outputs.statuses.paused, "FINISHED");
    assert.notEqual(outputs.dependentReleasedAt, "not created");
  };

  const cases: { readonly title: string; readonly ownGroup: boolean; readonly signal: (up: PulumiProcess) => void }[] = [
    { title: "SIGINT to `pulumi up` alone ends it within seconds, the ScriptOrder cancelled in one line", ownGroup: false, signal: (up) => up.child.kill("SIGINT") },
    { title: "SIGINT to its whole process group (a terminal's Ctrl-C) does the same", ownGroup: true, signal: (up) => process.kill(-up.child.pid!, "SIGINT") },
    { title: "SIGTERM (a CI runner cancelling the job) does the same", ownGroup: false, signal: (up) => up.child.kill("SIGTERM") },
  ];
  for (const c of cases) {
    it(c.title, async () => {
      const { uuid, up, providers } = await upWaiting(c.ownGroup);
      const signalledAt = Date.now();
      c.signal(up);
      const r = await exited(up);
      await assertCancelled(uuid, providers, r, signalledAt, Date.now());
      await assertUsable(uuid);
    });
  }

  it("kill -9 of pulumi: our provider process is gone within one poll interval", async () => {
    const { uuid, up, providers } = await upWaiting(false);
    const killedAt = Date.now();
    up.child.kill("SIGKILL");
    await up.done;
    while (providers.some((p) => alive(p.pid))) {
      assert.ok(Date.now() - killedAt < INTERVAL_S * 1000, `provider still running ${Date.now() - killedAt} ms after the engine died`);
      await sleep(50);
    }
    await sleep((INTERVAL_S + 1) * 1000);
    assert.deepEqual(readsOf(uuid).filter((q) => Date.parse(q.time) > killedAt + 500), [], "the order was read after the engine died");
  });
});

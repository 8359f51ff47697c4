/**
 * The three ways people use this package, as runnable examples, each run with the real engine
 * against the emulator: a gate, a dashboard, and the policy pack at preview.
 */
import * as assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { DEFAULT_FIXTURES, loadFixtureFile, startEmulator } from "../../emulator";
import { policyPackPath, REPO_ROOT } from "../../scripts/engine";
import type { Project } from "../helpers/pulumi";
import { ENGINE_BUILD_TIMEOUT_MS, makeProject } from "../helpers/pulumi";

const FIXTURES = loadFixtureFile(DEFAULT_FIXTURES);
const ROTATE = "SCT20261127DEMOROTATE001"; // FINISHED 2 h ago, script rotate-logs
const BACKUP = "SCT20261126DEMOBACKUP001"; // FINISHED 30 h ago, script nightly-backup
const PATCH = "SCT20261127DEMOPATCH0001"; // ABNORMAL, finished 1 h ago
const PAUSED = "SCT20261127DEMOPAUSED001";
const CANCEL = "SCT20261127DEMOCANCEL001"; // CANCELED 10 min ago
const MIGRATE = "SCT20261127DEMOMIGRATE01"; // READY -> PROCESSING -> FINISHED within 7 s of its first read

const example = (name: string) => path.join(REPO_ROOT, "examples", name);
const text = (r: { stdout: string; stderr: string }) => (r.stdout + r.stderr).replace(/\r/g, "");

describe("examples with the real Pulumi engine", function () {
  this.timeout(180_000);
  let emu: Emulator;
  const connection = () => ({ "huaweicloud-coc:endpoint": emu.url, "huaweicloud-coc:accessKey": emu.credentials.accessKey });
  const secret = () => ({ "huaweicloud-coc:secretKey": emu.credentials.secretKey });

  before(async function () {
    this.timeout(ENGINE_BUILD_TIMEOUT_MS);
    emu = await startEmulator({ orders: FIXTURES });
  });
  after(async () => {
    await emu?.stop();
  });

  describe("examples/gate", () => {
    let project: Project;
    before(() => {
      project = makeProject("example-gate", { projectDir: example("gate") });
    });

    it("passes: waits for the migration to finish, then releases", async () => {
      await project.stack("pass", { ...connection(), "coc-example-gate:migrationOrder": MIGRATE }, secret());
      const r = await project.run(["up", "--yes", "--skip-preview"]);
      assert.equal(r.code, 0, text(r));
      assert.match(text(r), new RegExp(`script order ${MIGRATE}: FINISHED after`));
      const out = JSON.parse((await project.run(["stack", "output", "--json"])).stdout);
      assert.equal(out.migrationStatus, "FINISHED");
      assert.ok(!Number.isNaN(Date.parse(out.releasedAt)));
    });

    it("fails: an ABNORMAL migration stops the update with one line, and nothing is released", async () => {
      await project.stack("fail", { ...connection(), "coc-example-gate:migrationOrder": PATCH }, secret());
      const r = await project.run(["up", "--yes", "--skip-preview"]);
      assert.notEqual(r.code, 0);
      assert.match(text(r), new RegExp(`error: script order ${PATCH} is ABNORMAL; required FINISHED \\(script patch-kernel v2, finished \\S+Z, request id [0-9a-f]{32}\\)`));
      const state = JSON.parse((await project.run(["stack", "export"])).stdout);
      assert.ok(!(state.deployment.resources ?? []).some((x: { type: string }) => x.type.endsWith(":Release")));
    });
  });

  describe("examples/dashboard", () => {
    let project: Project;
    before(() => {
      project = makeProject("example-dashboard", { projectDir: example("dashboard") });
    });

    it("exports one card per order and a summary that match the emulator's fixtures", async () => {
      await project.stack("byuuid", { ...connection(), "dashboard:orders": JSON.stringify([ROTATE, PATCH, PAUSED, CANCEL]) }, secret());
      const r = await project.run(["up", "--yes", "--skip-preview"]);
      assert.equal(r.code, 0, text(r));
      const out = JSON.parse((await project.run(["stack", "output", "--json"])).stdout);
      const rotate = FIXTURES.find((f) => f.execute_uuid === ROTATE)!;
      assert.deepEqual(
        { status: out.orders[ROTATE].status, phase: out.orders[ROTATE].phase, title: out.orders[ROTATE].title, creator: out.orders[ROTATE].creator, executeCosts: out.orders[ROTATE].executeCosts },
        { status: "FINISHED", phase: "succeeded", title: "rotate-logs v3", creator: rotate.creator, executeCosts: rotate.created_ago_ms! - rotate.finished_ago_ms! },
      );
      assert.equal(out.orders[PATCH].status, "ABNORMAL");
      assert.equal(out.orders[PAUSED].finishedAt, null);
      assert.deepEqual(out.summary.byPhase, { pending: 0, paused: 1, succeeded: 1, failed: 2, unknown: 0 });
      assert.equal(out.summary.total, 4);
      assert.equal(out.summary.slowest.executeUuid, PATCH);
      assert.deepEqual([out.summary.latestFailure.executeUuid, out.summary.latestFailure.status], [CANCEL, "CANCELED"]);
    });

    it("lists the orders of a time window through the list API", async () => {
      await project.stack("window", { ...connection(), "dashboard:sinceHours": "3" }, secret());
      const r = await project.run(["up", "--yes", "--skip-preview"]);
      assert.equal(r.code, 0, text(r));
      const out = JSON.parse((await project.run(["stack", "output", "--json"])).stdout);
      assert.deepEqual(Object.keys(out.orders).sort(), [CANCEL, MIGRATE, PATCH, PAUSED, ROTATE].sort());
      assert.equal(out.summary.total, 5);
      assert.ok(emu.requests().some((q) => q.path === "/v1/job/script/orders" && /start_time=\d+/.test(q.query)));
    });
  });

  describe("examples/policy with the coc-script-orders pack", () => {
    let project: Project;
    let pack: string;
    const preview = async (stack: string, orders: string[], policyConfig?: object, command: readonly string[] = ["preview"]) => {
      await project.stack(stack, { ...connection(), "coc-example-policy:orders": JSON.stringify(orders) }, secret());
      const args = [...command, "--policy-pack", pack];
      if (policyConfig !== undefined) {
        const file = path.join(REPO_ROOT, ".cache", "e2e", "example-policy", `${stack}-policy.json`);
        writeFileSync(file, JSON.stringify(policyConfig));
        args.push("--policy-pack-config", file);
      }
      const r = await project.run(args);
      return { code: r.code, out: text(r) };
    };
    before(() => {
      project = makeProject("example-policy", { projectDir: example("policy") });
      pack = policyPackPath(path.join(REPO_ROOT, "policies"));
    });

    it("passes a stack whose order FINISHED recently", async () => {
      const r = await preview("pass", [ROTATE]);
      assert.equal(r.code, 0, r.out);
      // The pack ran (the engine lists it with its verdict) and found nothing.
      assert.match(r.out, /Policies:\s*\n\s*✅ coc-script-orders@v0\.1\.0/);
      assert.doesNotMatch(r.out, /script-order-/);
    });

    it("blocks the preview of an ABNORMAL order, naming the resource, the order and the status", async () => {
      const r = await preview("abnormal", [PATCH]);
      assert.notEqual(r.code, 0);
      assert.match(r.out, /\[mandatory\]\s+script-order-succeeded/);
      assert.match(r.out, new RegExp(`ScriptOrder order-${PATCH} \\(order ${PATCH}\\) is ABNORMAL \\(phase failed\\)`));
    });

    it("reports a stale order as advisory without blocking", async () => {
      const r = await preview("stale", [BACKUP]);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /\[advisory\]\s+script-order-fresh/);
      assert.match(r.out, new RegExp(`order ${BACKUP}\\) finished 30\\.\\dh ago .* within 24h`));
    });

    it("gates `up` as well: a FINISHED order updates, an ABNORMAL one is refused before anything changes", async () => {
      const ok = await preview("up-pass", [ROTATE], undefined, ["up", "--yes"]);
      assert.equal(ok.code, 0, ok.out);
      const refused = await preview("up-fail", [PATCH], undefined, ["up", "--yes"]);
      assert.notEqual(refused.code, 0);
      assert.match(refused.out, /\[mandatory\]\s+script-order-succeeded/);
      const state = JSON.parse((await project.run(["stack", "export"])).stdout);
      assert.deepEqual(state.deployment.resources ?? [], [], "nothing was written to the refused stack");
    });

    it("config: an enforcement level raised to mandatory blocks the stale order", async () => {
      const r = await preview("stale-mandatory", [BACKUP], { "script-order-fresh": { enforcementLevel: "mandatory" } });
      assert.notEqual(r.code, 0);
      assert.match(r.out, /\[mandatory\]\s+script-order-fresh/);
    });

    it("config: maxAgeHours 1 makes a two-hour-old order stale", async () => {
      const r = await preview("max-age", [ROTATE], { "script-order-fresh": { maxAgeHours: 1 } });
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, new RegExp(`order ${ROTATE}\\) finished 2\\.\\dh ago .* within 1h`));
    });

    it("config: allowedScripts blocks an order that ran another script", async () => {
      const r = await preview("allowed", [ROTATE], { "script-order-script-allowed": { allowedScripts: ["nightly-backup", "SC20261120PATCHKERNEL001"] } });
      assert.notEqual(r.code, 0);
      assert.match(r.out, /\[mandatory\]\s+script-order-script-allowed/);
      assert.match(r.out, /ran script rotate-logs \(SC20261015ROTATELOGS0001\), which is not in the allowed list: nightly-backup, SC20261120PATCHKERNEL001/);
      const ok = await preview("allowed-ok", [ROTATE], { "script-order-script-allowed": { allowedScripts: ["SC20261015ROTATELOGS0001"] } });
      assert.equal(ok.code, 0, ok.out);
    });
  });
});

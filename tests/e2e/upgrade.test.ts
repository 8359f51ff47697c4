/**
 * Upgrading the package under an existing stack: state written by version 0.1.0 as it stood before
 * the lean-state change (a ScriptOrder whose serialized provider carries its code and calls the
 * runtime's old functions, and a dynamic-resource policy record) still previews, refreshes and ups
 * once the new package is installed in its place, and the policy pack still reads it.
 */
import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { DEFAULT_FIXTURES, loadFixtureFile, startEmulator } from "../../emulator";
import { ensureEngine, policyPackPath, REPO_ROOT } from "../../scripts/engine";
import type { UserProject } from "../../scripts/user-project";
import { pack, sh, userProject } from "../../scripts/user-project";
import { ENGINE_BUILD_TIMEOUT_MS } from "../helpers/pulumi";

/** main before the lean-state change: the last commit whose state shape users may hold. */
const OLD_COMMIT = "64bd049";
const ROTATE = "SCT20261127DEMOROTATE001"; // FINISHED
const PATCH = "SCT20261127DEMOPATCH0001"; // ABNORMAL

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ScriptOrder } from "pulumi-huaweicloud-coc";

const config = new pulumi.Config();
const orders = config.requireObject<string[]>("orders").map((executeUuid) => new ScriptOrder(\`order-\${executeUuid}\`, { executeUuid }));
export const statuses = pulumi.all(orders.map((o) => pulumi.all([o.executeUuid, o.status]))).apply(Object.fromEntries);
`;

describe("upgrading from a stack written by 0.1.0", function () {
  this.timeout(600_000);
  let emu: Emulator;
  let user: UserProject;
  let scratch: string;
  let newTarball: string;

  before(async function () {
    this.timeout(ENGINE_BUILD_TIMEOUT_MS);
    ensureEngine();
    emu = await startEmulator({ orders: loadFixtureFile(DEFAULT_FIXTURES) });
    scratch = mkdtempSync(path.join(os.tmpdir(), "coc-upgrade-"));
    // The old version, built from git as it was released to main, and packed.
    const old = path.join(scratch, "old");
    sh("git", ["worktree", "add", "--detach", old, OLD_COMMIT], REPO_ROOT);
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(old, "node_modules"), "dir");
    sh("npx", ["tsc", "-p", "tsconfig.json"], old);
    // Both are pulumi-huaweicloud-coc-0.1.0.tgz: one folder each.
    const oldTarball = pack(old, mkdtempSync(path.join(scratch, "old-tgz-")));
    newTarball = pack(REPO_ROOT, mkdtempSync(path.join(scratch, "new-tgz-")));
    user = userProject("orders-upgrade", PROGRAM, oldTarball);
    await user.stack("prod", emu, { "orders-upgrade:orders": JSON.stringify([ROTATE]) });
    await user.must(["up", "--yes", "--skip-preview"]);
    const exported = (await user.must(["stack", "export"])).stdout;
    assert.match(exported, /pulumi-nodejs:dynamic\/coc:ScriptOrderStatus/, "the old state has 0.1.0's dynamic record");
    user.install(newTarball);
  });

  after(async () => {
    await emu?.stop();
    user?.remove();
    if (scratch !== undefined && existsSync(path.join(scratch, "old"))) sh("git", ["worktree", "remove", "--force", path.join(scratch, "old")], REPO_ROOT);
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it("previews: the order is read, the 0.1.0 record is to be replaced by a component", async () => {
    const r = await user.must(["preview"]);
    assert.match(r.stdout, /read pulumi-nodejs:dynamic\/coc:ScriptOrder order-SCT20261127DEMOROTATE001/);
    assert.match(r.stdout, /\+ {2}huaweicloud-coc:index:ScriptOrderStatus order-SCT20261127DEMOROTATE001-status create/);
    assert.match(r.stdout, /- {2}pulumi-nodejs:dynamic\/coc:ScriptOrderStatus order-SCT20261127DEMOROTATE001-status delete/);
  });

  it("refreshes with the provider the old state holds, which now runs the new package", async () => {
    await user.must(["refresh", "--yes"]);
    const exported = JSON.parse((await user.must(["stack", "export"])).stdout);
    const order = exported.deployment.resources.find((r: { type: string }) => r.type.endsWith(":ScriptOrder"));
    assert.equal(order.outputs.status, "FINISHED");
  });

  it("ups to the new state shape: a required provider and a component record", async () => {
    await user.must(["up", "--yes", "--skip-preview"]);
    const exported = (await user.must(["stack", "export"])).stdout;
    assert.match(exported, /huaweicloud-coc:index:ScriptOrderStatus/);
    assert.doesNotMatch(exported, /pulumi-nodejs:dynamic\/coc:ScriptOrderStatus/);
    assert.match(exported, /require\(\\"pulumi-huaweicloud-coc\/provider\/dynamic\\"\)/);
    const again = await user.must(["up", "--yes", "--skip-preview"]);
    assert.match(again.stdout, /unchanged|Resources:\s*\n\s*\d+ unchanged/);
  });

  it("the policy pack checks the upgraded stack", async () => {
    const pack = policyPackPath(path.join(user.dir, "node_modules", "pulumi-huaweicloud-coc", "policies"));
    await user.must(["config", "set", "orders-upgrade:orders", JSON.stringify([ROTATE, PATCH])]);
    const r = await user.run(["preview", "--policy-pack", pack]);
    assert.notEqual(r.code, 0);
    assert.match(r.stdout + r.stderr, new RegExp(`order ${PATCH}\\) is ABNORMAL`));
  });
});

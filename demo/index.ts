/**
 * The demo stack (`npm run demo`): reads script orders from the COC emulator the way a release
 * pipeline would. The migration order is still running when `up` starts; the release is created
 * only after it FINISHED. Outputs are shaped for dashboards (`pulumi stack output --json`).
 */
import * as pulumi from "@pulumi/pulumi";
import { Release } from "../examples/shared/release";
import { ScriptOrder } from "../provider";

const config = new pulumi.Config();

// Still running when `up` starts: the read waits until it settles, and the gate requires FINISHED.
const migration = new ScriptOrder("db-migration", {
  executeUuid: config.get("migrationOrder") ?? "SCT20261127DEMOMIGRATE01",
  wait: { timeoutSeconds: 120, intervalSeconds: 1 },
  requireStatus: ["FINISHED"],
});

// Finished two hours ago: a plain read.
const rotation = new ScriptOrder("log-rotation", { executeUuid: config.get("rotationOrder") ?? "SCT20261127DEMOROTATE001" });

// Finished yesterday: gated as well, because the release needs last night's backup.
const backup = new ScriptOrder("nightly-backup", {
  executeUuid: config.get("backupOrder") ?? "SCT20261126DEMOBACKUP001",
  requireStatus: ["FINISHED"],
});

// Exists only once both gates passed: if either order is not FINISHED, `up` stops before this.
const release = new Release(
  "orders-api",
  { app: "orders-api", version: config.get("appVersion") ?? "2026.11.27", gatedBy: migration.executeUuid },
  { dependsOn: [migration, backup] },
);

const card = (o: ScriptOrder) => ({
  executeUuid: o.executeUuid,
  status: o.status,
  phase: o.phase,
  script: pulumi.interpolate`${o.scriptName} ${o.scriptVersionName}`,
  createdAt: o.createdAt,
  finishedAt: o.finishedAt,
  executeCosts: o.executeCosts,
  checkedAt: o.checkedAt,
});

export const orders = { migration: card(migration), rotation: card(rotation), backup: card(backup) };
export const releasedVersion = release.version;
export const releasedAt = release.releasedAt;

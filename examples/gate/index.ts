/**
 * Gate: deploy the application only after the migration script order FINISHED.
 * `pulumi up` waits for the order; if it ends ABNORMAL (or CANCELED, ...) the update fails with one
 * line naming the order, and the release is never created.
 */
import * as pulumi from "@pulumi/pulumi";
import { ScriptOrder } from "pulumi-huaweicloud-coc";
import { Release } from "../shared/release";

const config = new pulumi.Config();

const migration = new ScriptOrder("db-migration", {
  executeUuid: config.require("migrationOrder"),
  wait: { timeoutSeconds: 300, intervalSeconds: 2 },
  requireStatus: ["FINISHED"],
});

const release = new Release("orders-api", { app: "orders-api", version: config.get("version") ?? "1.0.0", gatedBy: migration.executeUuid }, { dependsOn: [migration] });

export const migrationStatus = migration.status;
export const releasedAt = release.releasedAt;

/**
 * The Pulumi program the end-to-end suite drives with the real engine. What it reads comes from
 * stack config, so each case is a `pulumi config set` away.
 */
import * as pulumi from "@pulumi/pulumi";
import { Release } from "../../../examples/shared/release";
import type { ScriptOrderArgs } from "../../../provider";
import { ScriptOrder } from "../../../provider";

interface OrderSpec extends ScriptOrderArgs {
  readonly name: string;
}

const config = new pulumi.Config("e2e");
const specs = config.requireObject<OrderSpec[]>("orders");
const orders = specs.map(({ name, ...args }) => new ScriptOrder(name, args));

const dependent = config.getBoolean("dependent")
  ? new Release("dependent", { app: "e2e-app", version: "1.0.0", gatedBy: orders[0].executeUuid }, { dependsOn: orders })
  : undefined;

export const statuses = Object.fromEntries(orders.map((o, i) => [specs[i].name, o.status]));
export const phases = Object.fromEntries(orders.map((o, i) => [specs[i].name, o.phase]));
export const finishedAt = Object.fromEntries(orders.map((o, i) => [specs[i].name, o.finishedAt]));
export const dependentReleasedAt = dependent === undefined ? "not created" : dependent.releasedAt;

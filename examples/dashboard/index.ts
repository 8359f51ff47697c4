/**
 * Dashboard: stack outputs shaped for `pulumi stack output --json` consumers. One output per order
 * and a summary (counts per phase, the slowest order, the latest failure). Orders come from a uuid
 * list (`dashboard:orders`, read as ScriptOrder resources) or from the list API over a time window
 * (`dashboard:sinceHours`, an invoke: nothing enters state).
 */
import * as pulumi from "@pulumi/pulumi";
import { listScriptOrders, ScriptOrder } from "pulumi-huaweicloud-coc";
import { scriptLabel } from "pulumi-huaweicloud-coc/sdk";
import type { OrderCard } from "./summary";
import { byUuid, summarize } from "./summary";

const config = new pulumi.Config("dashboard");
const uuids = config.getObject<string[]>("orders");

const fromResources = (list: readonly string[]): pulumi.Output<OrderCard[]> =>
  pulumi.all(
    list.map((executeUuid) => {
      const o = new ScriptOrder(`order-${executeUuid}`, { executeUuid, policyRecord: false });
      return pulumi
        .all([o.status, o.phase, o.scriptName, o.scriptVersionName, o.createdAt, o.finishedAt, o.executeCosts, o.creator])
        .apply(([status, phase, name, version, createdAt, finishedAt, executeCosts, creator]): OrderCard => ({
          executeUuid,
          status,
          phase,
          title: name === null ? null : scriptLabel({ scriptName: name, scriptVersionName: version }),
          createdAt,
          finishedAt,
          executeCosts,
          creator,
        }));
    }),
  );

const fromList = (sinceHours: number): pulumi.Output<OrderCard[]> =>
  pulumi.output(listScriptOrders({ sinceHours, status: config.get("status") })).apply((orders) =>
    orders.map((o) => ({
      executeUuid: o.executeUuid,
      status: o.status,
      phase: o.phase,
      title: o.orderName,
      createdAt: o.createdAt,
      finishedAt: o.finishedAt,
      executeCosts: o.executeCosts,
      creator: o.creator,
    })),
  );

const cards = uuids !== undefined ? fromResources(uuids) : fromList(config.getNumber("sinceHours") ?? 24);

export const orders = cards.apply(byUuid);
export const summary = cards.apply(summarize);

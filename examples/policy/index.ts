/**
 * Policy: a stack whose script orders the `coc-script-orders` policy pack checks at preview.
 * `pulumi preview --policy-pack ../../policies` passes when every order FINISHED recently and fails
 * (mandatory `script-order-succeeded`) when one ended ABNORMAL.
 */
import * as pulumi from "@pulumi/pulumi";
import { ScriptOrder } from "pulumi-huaweicloud-coc";

const config = new pulumi.Config();
const orders = config.requireObject<string[]>("orders").map((executeUuid) => new ScriptOrder(`order-${executeUuid}`, { executeUuid }));

export const statuses = pulumi.all(orders.map((o) => pulumi.all([o.executeUuid, o.status]))).apply(Object.fromEntries);

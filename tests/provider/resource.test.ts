/* eslint-disable @typescript-eslint/no-require-imports */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { ScriptOrder as ScriptOrderType } from "../../provider";

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly id: string | undefined;
  readonly inputs: Record<string, unknown>;
}

const valueOf = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply((v) => resolve(v)));

describe("ScriptOrder resource wiring (pulumi.runtime.setMocks)", () => {
  const registered: Registered[] = [];
  let secretReturned = false;
  let ScriptOrder: typeof ScriptOrderType;

  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, id: args.id, inputs: args.inputs });
          // A read resource's state comes from the provider; the mock plays it.
          return {
            id: args.id ?? `${args.name}-id`,
            state: {
              ...args.inputs,
              status: "FINISHED",
              phase: "succeeded",
              terminal: true,
              executeCosts: 311282,
              scriptParams: secretReturned ? pulumi.secret([{ name: "PW", value: "pw", order: 1 }]) : [{ name: "PW", value: "pw", order: 1 }],
              checkedAt: "2026-11-27T00:00:00.000Z",
            },
          };
        },
        call: () => ({}),
      },
      "proj",
      "stack",
      false,
    );
    ({ ScriptOrder } = await import("../../provider"));
  });

  it("reads by id: the execute_uuid is the resource id, under the ScriptOrder type token", async () => {
    const order = new ScriptOrder("migration", { executeUuid: "SCTMOCK0001", requireStatus: ["FINISHED"], wait: { timeoutSeconds: 60 } });
    assert.equal(await valueOf(order.id), "SCTMOCK0001");
    const reg = registered.find((r) => r.name === "migration");
    assert.equal(reg?.type, "pulumi-nodejs:dynamic/coc:ScriptOrder");
    assert.equal(reg?.id, "SCTMOCK0001");
    assert.deepEqual(reg?.inputs.requireStatus, ["FINISHED"]);
    assert.deepEqual(reg?.inputs.wait, { timeoutSeconds: 60 });
    assert.equal(reg?.inputs.__preview, false);
    assert.equal(typeof reg?.inputs.__provider, "string");
  });

  it("exposes the model as typed outputs", async () => {
    const order = new ScriptOrder("typed", { executeUuid: "SCTMOCK0002" });
    const status: string | null = await valueOf(order.status);
    const terminal: boolean = await valueOf(order.terminal);
    const costs: number | null = await valueOf(order.executeCosts);
    assert.equal(status, "FINISHED");
    assert.equal(terminal, true);
    assert.equal(costs, 311282);
    assert.equal(await valueOf(order.checkedAt), "2026-11-27T00:00:00.000Z");
  });

  it("asks the engine to keep scriptParams secret, and carries the secret through to the output", async () => {
    // The engine applies additionalSecretOutputs to what the provider returns; mocks do not, so the
    // request is checked here and the engine's behaviour by the end-to-end suite (stack export).
    const runtimeResource = require("@pulumi/pulumi/runtime/resource") as { readResource: (...a: unknown[]) => unknown };
    const original = runtimeResource.readResource;
    let secretOutputs: unknown;
    runtimeResource.readResource = (...a: unknown[]) => {
      secretOutputs = (a[5] as pulumi.CustomResourceOptions).additionalSecretOutputs;
      return original(...a);
    };
    try {
      secretReturned = true;
      const order = new ScriptOrder("secret", { executeUuid: "SCTMOCK0003" }, { additionalSecretOutputs: ["creator"] });
      assert.deepEqual(secretOutputs, ["creator", "scriptParams"]);
      assert.equal(await pulumi.isSecret(order.scriptParams), true);
      assert.equal(await pulumi.isSecret(order.status), false);
    } finally {
      runtimeResource.readResource = original;
      secretReturned = false;
    }
  });

  it("rejects plain bad inputs at construction, naming the property", () => {
    assert.throws(() => new ScriptOrder("bad", { executeUuid: "no spaces allowed" }), /ScriptOrder bad: executeUuid .* is not an execute_uuid/);
    assert.throws(() => new ScriptOrder("bad2", { executeUuid: "SCT1", requireStatus: ["DONE"] }), /requireStatus unknown status DONE/);
    assert.throws(() => new ScriptOrder("bad3", { executeUuid: "SCT1", wait: { timeoutSeconds: 999999 } }), /wait\.timeoutSeconds must be between 1 and 86400/);
  });

  it("accepts Outputs as inputs and passes them through", async () => {
    const order = new ScriptOrder("from-output", { executeUuid: pulumi.output("SCTMOCK0004"), requireStatus: pulumi.output(["FINISHED"]) });
    assert.equal(await valueOf(order.id), "SCTMOCK0004");
  });

  it("ScriptOrder.get reads by id", async () => {
    const order = ScriptOrder.get("got", "SCTMOCK0005");
    assert.equal(await valueOf(order.id), "SCTMOCK0005");
  });
});

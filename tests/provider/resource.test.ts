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
              scriptParams: [{ name: "PW", value: "pw", order: 1 }],
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

  it("asks the engine to keep scriptParams secret, keeping the caller's own secret outputs", async () => {
    // The engine applies additionalSecretOutputs to what the provider returns; mocks do not, so only
    // the request can be checked here. That the engine encrypts the values is checked end to end
    // (tests/e2e/engine.test.ts: stack export holds no parameter value, --show-secrets does).
    const runtimeResource = require("@pulumi/pulumi/runtime/resource") as { readResource: (...a: unknown[]) => unknown };
    const original = runtimeResource.readResource;
    let secretOutputs: unknown;
    runtimeResource.readResource = (...a: unknown[]) => {
      secretOutputs = (a[5] as pulumi.CustomResourceOptions).additionalSecretOutputs;
      return original(...a);
    };
    try {
      new ScriptOrder("secret", { executeUuid: "SCTMOCK0003" }, { additionalSecretOutputs: ["creator"] });
      assert.deepEqual(secretOutputs, ["creator", "scriptParams"]);
      new ScriptOrder("secret-twice", { executeUuid: "SCTMOCK0003" }, { additionalSecretOutputs: ["scriptParams"] });
      assert.deepEqual(secretOutputs, ["scriptParams"]);
    } finally {
      runtimeResource.readResource = original;
    }
  });

  it("registers a ScriptOrderStatus child for policies, without parameters, unless policyRecord is false", async () => {
    // Children register once their parent's outputs resolve: give both stacks' registrations time.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
    const withRecord = new ScriptOrder("recorded", { executeUuid: "SCTMOCK0006" });
    await valueOf(withRecord.status);
    await settle();
    const record = registered.find((r) => r.name === "recorded-status");
    assert.equal(record?.type, "huaweicloud-coc:index:ScriptOrderStatus");
    assert.ok(!record?.id, "a component, not a custom resource: no id");
    const without = new ScriptOrder("unrecorded", { executeUuid: "SCTMOCK0007", policyRecord: false });
    await valueOf(without.status);
    await settle();
    assert.ok(registered.some((r) => r.name === "unrecorded"));
    assert.ok(!registered.some((r) => r.name === "unrecorded-status"));
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

  it("accepts Outputs nested inside lists and the wait object, checking them in the provider instead", async () => {
    const order = new ScriptOrder("nested", {
      executeUuid: "SCTMOCK0008",
      requireStatus: [pulumi.output("FINISHED")],
      wait: { until: [pulumi.output("FINISHED")], timeoutSeconds: pulumi.output(60) },
    });
    assert.equal(await valueOf(order.id), "SCTMOCK0008");
    const reg = registered.find((r) => r.name === "nested");
    assert.deepEqual(reg?.inputs.requireStatus, ["FINISHED"]);
    assert.deepEqual(reg?.inputs.wait, { until: ["FINISHED"], timeoutSeconds: 60 });
  });

  it("ScriptOrder.get reads by id", async () => {
    const order = ScriptOrder.get("got", "SCTMOCK0005");
    assert.equal(await valueOf(order.id), "SCTMOCK0005");
  });
});

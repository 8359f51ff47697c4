import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { getScriptOrder, getScriptOrderOutput, listScriptOrders } from "../../provider/invoke";
import { order, useEmulator } from "../helpers/emulator";

const valueOf = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply((v) => resolve(v)));

describe("getScriptOrder / getScriptOrderOutput / listScriptOrders (invokes)", () => {
  const emu = useEmulator([
    order("SCTINVOKE001", { execute_param: { script_params: [{ param_name: "PW", param_value: "invoke-secret" }] } }),
    order("SCTINVOKE002", { lifecycle: { status: "ABNORMAL" } }),
  ]);
  before(() => {
    pulumi.runtime.setAllConfig({
      "huaweicloud-coc:endpoint": emu.current.url,
      "huaweicloud-coc:accessKey": emu.current.credentials.accessKey,
      "huaweicloud-coc:secretKey": emu.current.credentials.secretKey,
    });
  });

  it("reads with stack config, parameter values hidden unless asked for", async () => {
    const r = await getScriptOrder({ executeUuid: "SCTINVOKE001" });
    assert.equal(r.status, "FINISHED");
    assert.deepEqual(r.scriptParams, [{ name: "PW", value: "[secret]", order: null }]);
    assert.equal((await getScriptOrder({ executeUuid: "SCTINVOKE001", includeParamValues: true })).scriptParams?.[0].value, "invoke-secret");
  });

  it("gates like the resource", async () => {
    await assert.rejects(getScriptOrder({ executeUuid: "SCTINVOKE002", requireStatus: ["FINISHED"] }), /script order SCTINVOKE002 is ABNORMAL; required FINISHED/);
    const before = emu.current.requests().length;
    await assert.rejects(getScriptOrder({ executeUuid: "bad uuid" }), /executeUuid "bad uuid" is not an execute_uuid/);
    assert.equal(emu.current.requests().length, before);
  });

  it("takes Inputs in the Output form, and is secret only with parameter values", async () => {
    const plain = getScriptOrderOutput({ executeUuid: pulumi.output("SCTINVOKE001") });
    assert.equal((await valueOf(plain)).status, "FINISHED");
    assert.equal(await pulumi.isSecret(plain), false);
    const withValues = getScriptOrderOutput({ executeUuid: "SCTINVOKE001", includeParamValues: true });
    assert.equal(await pulumi.isSecret(withValues), true);
  });

  it("lists orders over the list API", async () => {
    const all = await listScriptOrders({ sinceHours: 1 });
    assert.deepEqual(all.map((o) => o.executeUuid).sort(), ["SCTINVOKE001", "SCTINVOKE002"]);
  });
});

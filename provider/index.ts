/**
 * pulumi-huaweicloud-coc: read Huawei Cloud COC script orders from Pulumi programs.
 * `ScriptOrder` puts an order in state (and can gate on it); the invokes read without state.
 */
export { ScriptOrder, SCRIPT_ORDER_TYPE } from "./scriptOrder";
export type { ScriptOrderArgs, ScriptOrderWaitArgs, ScriptParamOutput } from "./scriptOrder";
export { SCRIPT_ORDER_STATUS_TYPE } from "./statusRecord";
export { getScriptOrder, getScriptOrderOutput, listScriptOrders } from "./invoke";
export type { GetScriptOrderArgs, GetScriptOrderOutputArgs, ListScriptOrdersArgs, ScriptOrderResult } from "./invoke";
export { CONFIG_NAMESPACE, CONFIG_KEYS } from "./settings";
export type { ScriptOrder as ScriptOrderModel, ScriptOrderSummary, Phase } from "../sdk";

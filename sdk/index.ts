/**
 * pulumi-huaweicloud-coc/sdk: a typed, signed, retrying client for Huawei Cloud COC script orders.
 * Operations return fp-ts TaskEithers; `CocFailure` and `orThrow` are for callers at the edges.
 */
export * from "./statuses";
export * from "./model";
export { ScriptOrderRaw, ShowScriptOrderResponse, ScriptOrderSummaryRaw, ListScriptOrdersResponse } from "./codecs";
export * from "./errors";
export * from "./signer";
export * from "./credentials";
export * from "./endpoints";
export * from "./retry";
export * from "./budget";
export { destroyAgents } from "./proxy";
export type { FetchLike } from "./transport";
export * from "./validate";
export * from "./client";
export * from "./wait";
export { parseJsonLossless } from "./json";
export { decodeBody } from "./decode";
export { VERSION } from "./version";
export { orThrow } from "./edge";

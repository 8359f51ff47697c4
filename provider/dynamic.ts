/**
 * The ScriptOrder dynamic provider as a module: its exports are the provider object Pulumi's
 * dynamic-provider host calls. When the package is installed, Pulumi serializes a module that lives
 * under node_modules as a `require` of it, so each ScriptOrder keeps in state only
 * `require("pulumi-huaweicloud-coc/provider/dynamic")`: no code, no folder of the machine.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Settings } from "./settings";
import { check as checkInputs, readOrder, setUpProviderProcess, settingsFromConfig } from "./runtime";

/** One provider process serves one configuration: the stack's. */
let settings: Settings = {};

export const configure = async (req: pulumi.dynamic.ConfigureRequest): Promise<void> => {
  setUpProviderProcess();
  settings = settingsFromConfig((key) => req.config.get(key));
};

export const check = async (_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> => checkInputs(news);

export const read = async (id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> => ({
  id,
  props: await readOrder(settings, id, props, (line) => console.error(line)),
});

export const create = async (): Promise<pulumi.dynamic.CreateResult> => {
  throw new Error("ScriptOrder reads an existing script order and never creates one: pass executeUuid");
};

// Destroying a ScriptOrder only forgets it: the order in COC is left as it is.
const forget = async (): Promise<void> => {};
export { forget as delete };

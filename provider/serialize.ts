import * as pulumi from "@pulumi/pulumi";
import { scriptOrderProvider } from "./provider";

/** The provider exactly as `pulumi.dynamic.Resource` stores it in `__provider`. */
export const serializeScriptOrderProvider = async (): Promise<string> =>
  (await pulumi.runtime.serializeFunction(() => scriptOrderProvider, { allowSecrets: true })).text;

/**
 * The dynamic provider object Pulumi serializes into state (`__provider`). It is deliberately tiny:
 * each method loads `runtime.ts` with `require` in the provider process, so nothing but a module
 * name and a fallback path is captured: no client, no credentials, no SDK code.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy requires keep the serialized closure small */
import type * as pulumi from "@pulumi/pulumi";
import type * as Runtime from "./runtime";

/** The package's own name resolves wherever it is installed; inside this repository, the file path does. */
const RUNTIME_PATH: string = require.resolve("./runtime");

const loadRuntime = (): typeof Runtime => {
  try {
    return require("pulumi-huaweicloud-coc/provider/runtime");
  } catch {
    return require(RUNTIME_PATH);
  }
};

class ScriptOrderProvider implements pulumi.dynamic.ResourceProvider {
  private settings: Readonly<Record<string, string>> = {};

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.settings = loadRuntime().settingsFromConfig((key) => req.config.get(key));
  }

  async check(_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return loadRuntime().check(news);
  }

  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const state = await loadRuntime().readOrder(this.settings, id, props, (line) => console.error(line));
    return { id, props: state };
  }

  async create(): Promise<pulumi.dynamic.CreateResult> {
    throw new Error("ScriptOrder reads an existing script order and never creates one: pass executeUuid");
  }

  // Destroying a ScriptOrder only forgets it: the order in COC is left as it is.
  async delete(): Promise<void> {}
}

export const scriptOrderProvider: pulumi.dynamic.ResourceProvider = new ScriptOrderProvider();

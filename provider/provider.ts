/**
 * The dynamic provider object Pulumi serializes into state (`__provider`). It is deliberately tiny:
 * each method loads `runtime.ts` with `require` in the provider process, so nothing but a module
 * name is captured: no client, no credentials, no SDK code.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy requires keep the serialized closure small */
import type * as pulumi from "@pulumi/pulumi";
import type * as Runtime from "./runtime";

/**
 * What the provider process requires, captured into state by value. Installed (under node_modules),
 * the package name: the provider process resolves it from the project, and state names no folder of
 * the machine that ran `up`. Anywhere else (this repository, a linked checkout) the file itself.
 */
export const runtimeModuleFor = (runtimeFile: string): string =>
  runtimeFile.split(/[\\/]/).includes("node_modules") ? "pulumi-huaweicloud-coc/provider/runtime" : runtimeFile;

const RUNTIME_MODULE = runtimeModuleFor(require.resolve("./runtime"));

const loadRuntime = (): typeof Runtime => require(RUNTIME_MODULE);

class ScriptOrderProvider implements pulumi.dynamic.ResourceProvider {
  private settings: Readonly<Record<string, string>> = {};

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const runtime = loadRuntime();
    runtime.setUpProviderProcess();
    this.settings = runtime.settingsFromConfig((key) => req.config.get(key));
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

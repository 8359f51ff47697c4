/**
 * The dynamic provider object every ScriptOrder stores in state (`__provider`), kept to a `require`:
 * - installed (under node_modules): the `dynamic` module's own exports, which Pulumi serializes as
 *   `require("pulumi-huaweicloud-coc/provider/dynamic")`;
 * - anywhere else (this repository, a linked checkout): an object whose methods require that module
 *   by file, since Pulumi would copy a local module's code by value.
 * Either way nothing but a module name is captured: no client, no credentials, no SDK code.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the provider process loads the module itself */
import type * as pulumi from "@pulumi/pulumi";
import type * as Dynamic from "./dynamic";

/** Whether a file of this package sits in an installed copy of it. */
export const isInstalled = (file: string): boolean => file.split(/[\\/]/).includes("node_modules");

const byFile = (file: string): pulumi.dynamic.ResourceProvider => {
  const load = (): typeof Dynamic => require(file);
  return {
    configure: (req) => load().configure(req),
    check: (olds, news) => load().check(olds, news),
    read: (id, props) => load().read(id, props),
    create: () => load().create(),
    delete: () => load().delete(),
  };
};

const DYNAMIC_FILE = require.resolve("./dynamic");

export const scriptOrderProvider: pulumi.dynamic.ResourceProvider = isInstalled(DYNAMIC_FILE) ? (require("./dynamic") as typeof Dynamic) : byFile(DYNAMIC_FILE);

/**
 * A stand-in for "the application deploy" in the demo and examples: a tiny dynamic resource whose
 * creation is the step a script order gates. It calls nothing; what matters is whether, and when,
 * the engine creates it.
 */
import * as pulumi from "@pulumi/pulumi";

export interface ReleaseArgs {
  readonly app: pulumi.Input<string>;
  readonly version: pulumi.Input<string>;
  /** What the release waited for, recorded for the dashboard (e.g. the migration order's id). */
  readonly gatedBy?: pulumi.Input<string>;
}

const releaseProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, string>) {
    return { id: `${inputs.app}@${inputs.version}`, outs: { ...inputs, releasedAt: new Date().toISOString() } };
  },
  async diff(_id: string, olds: Record<string, string>, news: Record<string, string>) {
    const changed = ["app", "version", "gatedBy"].filter((k) => olds[k] !== news[k]);
    return { changes: changed.length > 0, replaces: changed };
  },
};

export class Release extends pulumi.dynamic.Resource {
  declare readonly app: pulumi.Output<string>;
  declare readonly version: pulumi.Output<string>;
  declare readonly gatedBy: pulumi.Output<string | undefined>;
  declare readonly releasedAt: pulumi.Output<string>;

  constructor(name: string, args: ReleaseArgs, opts?: pulumi.CustomResourceOptions) {
    super(releaseProvider, name, { releasedAt: undefined, gatedBy: undefined, ...args }, opts, "demo", "Release");
  }
}

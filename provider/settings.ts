/**
 * Where the provider's credentials and endpoint come from: stack config under `huaweicloud-coc`
 * (secrets set with `pulumi config set --secret`), falling back to the environment variables of the
 * official SDKs and the Terraform provider. They never become resource inputs or outputs.
 */
import type { ClientOptions } from "../sdk/client";

export const CONFIG_NAMESPACE = "huaweicloud-coc";

export const CONFIG_KEYS = ["accessKey", "secretKey", "securityToken", "domainId", "region", "endpoint", "maxConcurrentRequests", "requestsPerSecond"] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

export type Settings = Readonly<Partial<Record<ConfigKey, string>>>;

/** Reads the keys from any config getter (a dynamic provider's `req.config`, or `pulumi.Config`). */
export const settingsFrom = (get: (key: string) => string | undefined): Settings => {
  const out: Partial<Record<ConfigKey, string>> = {};
  for (const key of CONFIG_KEYS) {
    const v = get(`${CONFIG_NAMESPACE}:${key}`);
    if (v !== undefined && v !== "") out[key] = v;
  }
  return out;
};

/** Config wins over the environment: explicit client options are resolved before `env`. */
export const clientOptions = (settings: Settings, env: NodeJS.ProcessEnv = process.env): ClientOptions => ({
  accessKey: settings.accessKey,
  secretKey: settings.secretKey,
  securityToken: settings.securityToken,
  domainId: settings.domainId,
  region: settings.region,
  endpoint: settings.endpoint,
  env,
  userAgent: "pulumi",
});

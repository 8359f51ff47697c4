/**
 * Who the client acts as. Explicit options win over the environment; among environment variables the
 * official SDK names win over the Terraform provider's. Values are read once, at client creation.
 */
import * as E from "fp-ts/Either";
import type { CocError } from "./errors";
import { invalidInput } from "./errors";

export type Env = Readonly<Record<string, string | undefined>>;

export type Credentials =
  | {
      readonly kind: "aksk";
      readonly accessKey: string;
      readonly secretKey: string;
      readonly securityToken: string | null;
      readonly domainId: string | null;
    }
  | { readonly kind: "token"; readonly authToken: string; readonly domainId: string | null };

export interface CredentialOptions {
  readonly accessKey?: string;
  readonly secretKey?: string;
  /** Temporary credentials' token, sent (and signed) as `X-Security-Token`. */
  readonly securityToken?: string;
  /** Account id, sent as `X-Domain-Id`: COC is a global service. */
  readonly domainId?: string;
  /** An IAM token, sent as `X-Auth-Token`, instead of AK/SK. */
  readonly authToken?: string;
}

export const ENV_NAMES = {
  accessKey: ["HUAWEICLOUD_SDK_AK", "HW_ACCESS_KEY"],
  secretKey: ["HUAWEICLOUD_SDK_SK", "HW_SECRET_KEY"],
  securityToken: ["HUAWEICLOUD_SDK_SECURITY_TOKEN", "HW_SECURITY_TOKEN"],
  domainId: ["HUAWEICLOUD_SDK_DOMAIN_ID", "HW_DOMAIN_ID"],
} as const;

const present = (s: string | undefined): s is string => s !== undefined && s.trim() !== "";

const fromEnv = (env: Env, names: readonly string[]): string | undefined => names.map((n) => env[n]).find(present);

const pick = (explicit: string | undefined, env: Env, names: readonly string[]): string | null =>
  (present(explicit) ? explicit.trim() : fromEnv(env, names)?.trim()) ?? null;

export const resolveCredentials = (opts: CredentialOptions, env: Env): E.Either<CocError, Credentials> => {
  const domainId = pick(opts.domainId, env, ENV_NAMES.domainId);
  const explicitKeys = present(opts.accessKey) || present(opts.secretKey);
  if (!explicitKeys && present(opts.authToken)) return E.right({ kind: "token", authToken: opts.authToken.trim(), domainId });
  // A key from options and its partner from the environment would be two different identities.
  const accessKey = explicitKeys ? (present(opts.accessKey) ? opts.accessKey.trim() : null) : pick(undefined, env, ENV_NAMES.accessKey);
  const secretKey = explicitKeys ? (present(opts.secretKey) ? opts.secretKey.trim() : null) : pick(undefined, env, ENV_NAMES.secretKey);
  if (accessKey === null && secretKey === null) {
    return E.left(
      invalidInput(
        "credentials",
        `no credentials: set an access key and secret key (${ENV_NAMES.accessKey[0]}/${ENV_NAMES.secretKey[0]} or ${ENV_NAMES.accessKey[1]}/${ENV_NAMES.secretKey[1]}) or an IAM token`,
      ),
    );
  }
  if (accessKey === null) return E.left(invalidInput("accessKey", "a secret key was given without its access key"));
  if (secretKey === null) return E.left(invalidInput("secretKey", "an access key was given without its secret key"));
  return E.right({
    kind: "aksk",
    accessKey,
    secretKey,
    securityToken: pick(opts.securityToken, explicitKeys ? {} : env, ENV_NAMES.securityToken),
    domainId,
  });
};

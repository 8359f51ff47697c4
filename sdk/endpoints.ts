/**
 * Where requests go. COC is global: one host per site. An explicit endpoint wins, then the official
 * SDKs' per-region override variable, then the table. Plain http is allowed only to loopback, where
 * the emulator lives; anything else would send signed requests and tokens in clear text.
 */
import * as E from "fp-ts/Either";
import type { Env } from "./credentials";
import type { CocError } from "./errors";
import { invalidInput } from "./errors";

export const DEFAULT_REGION = "cn-north-4";

export const REGION_ENDPOINTS: Readonly<Record<string, string>> = {
  "cn-north-4": "https://coc.myhuaweicloud.com",
  "ap-southeast-3": "https://coc-intl.myhuaweicloud.com",
  "eu-west-101": "https://coc-eu-west-101-open-api.myhuaweicloud.eu",
};

export const REGION_ENV = "HW_REGION_NAME";

export const regionOverrideEnv = (region: string): string =>
  `HUAWEICLOUD_SDK_REGION_COC_${region.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;

export interface EndpointOptions {
  readonly endpoint?: string;
  readonly region?: string;
}

export const isLoopbackHost = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || hostname === "::1" || /^127(\.\d{1,3}){3}$/.test(hostname);

/** A base URL; request paths are appended to its path. */
export const parseEndpoint = (raw: string, field: string): E.Either<CocError, URL> => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return E.left(invalidInput(field, `not a URL: ${JSON.stringify(raw)}`));
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    return E.left(invalidInput(field, `${url.protocol}//${url.host} is not allowed: use https (plain http only to loopback)`));
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    return E.left(invalidInput(field, "an endpoint has no credentials, query or fragment"));
  }
  return E.right(url);
};

export const resolveEndpoint = (opts: EndpointOptions, env: Env): E.Either<CocError, URL> => {
  if (opts.endpoint !== undefined && opts.endpoint.trim() !== "") return parseEndpoint(opts.endpoint, "endpoint");
  const region = (opts.region?.trim() || env[REGION_ENV]?.trim() || DEFAULT_REGION).toLowerCase();
  const overrideName = regionOverrideEnv(region);
  const override = env[overrideName];
  if (override !== undefined && override.trim() !== "") return parseEndpoint(override, overrideName);
  const known = REGION_ENDPOINTS[region];
  if (known === undefined) {
    return E.left(
      invalidInput(
        "region",
        `no COC endpoint known for ${JSON.stringify(region)} (known: ${Object.keys(REGION_ENDPOINTS).join(", ")}); set an endpoint or ${overrideName}`,
      ),
    );
  }
  return parseEndpoint(known, "region");
};

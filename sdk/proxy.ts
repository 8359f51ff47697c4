/**
 * Connection reuse and proxies. One keep-alive agent per (scheme, proxy) for the whole process, so
 * sequential and concurrent reads share sockets. HTTPS_PROXY/NO_PROXY are honoured as curl does;
 * loopback is never proxied, because the emulator and local tunnels live there.
 */
import * as http from "node:http";
import * as https from "node:https";
import type * as HttpsProxyAgentModule from "https-proxy-agent";
import type { Env } from "./credentials";
import { isLoopbackHost } from "./endpoints";

const pick = (env: Env, ...names: string[]): string | undefined =>
  names.map((n) => env[n]).find((v) => v !== undefined && v.trim() !== "");

/** NO_PROXY: comma or space separated hosts, `.suffix` or `suffix` domain matches, optional `:port`, `*` for all. */
export const bypassesProxy = (url: URL, noProxy: string | undefined): boolean => {
  if (isLoopbackHost(url.hostname)) return true;
  if (noProxy === undefined) return false;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return noProxy
    .split(/[\s,]+/)
    .filter((e) => e !== "")
    .some((entry) => {
      if (entry === "*") return true;
      const [pattern, entryPort] = entry.toLowerCase().split(":");
      if (entryPort !== undefined && entryPort !== port) return false;
      const domain = pattern.replace(/^\*?\./, "");
      return host === domain || host.endsWith(`.${domain}`);
    });
};

export const proxyFor = (url: URL, env: Env): string | null => {
  const proxy =
    url.protocol === "https:" ? pick(env, "HTTPS_PROXY", "https_proxy") : pick(env, "HTTP_PROXY", "http_proxy");
  return proxy === undefined || bypassesProxy(url, pick(env, "NO_PROXY", "no_proxy")) ? null : proxy;
};

const agents = new Map<string, http.Agent>();

export const agentFor = (url: URL, env: Env): http.Agent => {
  const proxy = proxyFor(url, env);
  const key = `${url.protocol}|${proxy ?? ""}`;
  let agent = agents.get(key);
  if (agent === undefined) {
    if (proxy !== null && url.protocol === "https:") {
      // Loaded only when a proxy is configured: most runs never need it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { HttpsProxyAgent } = require("https-proxy-agent") as typeof HttpsProxyAgentModule;
      agent = new HttpsProxyAgent(proxy, { keepAlive: true });
    } else {
      agent = url.protocol === "https:" ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    }
    agents.set(key, agent);
  }
  return agent;
};

/** Lets a short-lived process (the CLI, a test) exit without waiting for idle sockets to time out. */
export const destroyAgents = (): void => {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
};

/**
 * Ending waits when the update is cancelled, in the dynamic-provider process. Pulumi's dynamic
 * provider host (@pulumi/pulumi 3.248, `cmd/dynamic-provider`) answers the engine's Cancel without
 * telling the provider, and the engine starts the plugin in its own process group, so a terminal's
 * Ctrl-C never reaches it: left alone, a wait polls COC until its own timeout while `pulumi` waits
 * for it. Every way the process can learn of cancellation aborts one signal that all reads share:
 * - the engine's Cancel RPC (sent on the first Ctrl-C or SIGTERM to `pulumi`), seen by wrapping the
 *   host's gRPC handler lookup;
 * - SIGINT or SIGTERM to this process (the engine's shutdown sends SIGINT to the plugin's group);
 * - the engine going away (killed, crashed): only it holds our stdin pipe, so stdin ends, and writes
 *   to stdout/stderr fail with EPIPE. Nothing would answer us then, so the process exits.
 */
import * as fs from "node:fs";

const controller = new AbortController();

/** Aborted once and for good: after a Cancel the engine starts no new step. */
export const cancelSignal: AbortSignal = controller.signal;

export const cancel = (reason: string): void => {
  if (!controller.signal.aborted) controller.abort(reason);
};

/** Long enough for the cancelled reads to answer the engine, short enough to be gone within a second. */
const EXIT_DELAY_MS = 200;

const cancelAndExit = (reason: string): void => {
  cancel(reason);
  setTimeout(() => process.exit(1), EXIT_DELAY_MS).unref();
};

const CANCEL_RPC = "/pulumirpc.ResourceProvider/Cancel";

interface GrpcHandler {
  readonly func: (call: unknown, callback: unknown) => unknown;
}
interface GrpcServerPrototype {
  _retrieveHandler?: (path: string) => GrpcHandler | null;
}

/**
 * grpc-js looks up the handler of every incoming call through `Server.prototype._retrieveHandler`
 * (a private method, hence the feature test): wrapping it is the only place code inside the
 * provider process can see the Cancel RPC. The host's own handler still answers it.
 */
const hookCancelRpc = (): boolean => {
  const grpc = require.main?.require("@grpc/grpc-js") as { Server?: { prototype: GrpcServerPrototype } } | undefined;
  const proto = grpc?.Server?.prototype;
  const lookup = proto?._retrieveHandler;
  if (proto === undefined || typeof lookup !== "function") return false;
  proto._retrieveHandler = function (this: unknown, path: string) {
    const handler = lookup.call(this, path);
    if (handler === null || path !== CANCEL_RPC) return handler;
    return {
      ...handler,
      func: (call: unknown, callback: unknown) => {
        cancel("the update was cancelled");
        return handler.func(call, callback);
      },
    };
  };
  return true;
};

/** The engine holds the write end of our stdin pipe and never writes: its end is the engine's exit. */
const watchEngine = (): void => {
  let isPipe = false;
  try {
    isPipe = fs.fstatSync(0).isFIFO();
  } catch {
    isPipe = false;
  }
  if (isPipe) {
    const gone = () => cancelAndExit("the Pulumi engine exited");
    process.stdin.on("end", gone);
    process.stdin.on("error", gone);
    process.stdin.resume();
  }
  // Unhandled, EPIPE reaches the host's uncaughtException handler, which logs it to stderr: a loop.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => cancelAndExit("the Pulumi engine exited"));
};

let installed = false;

/**
 * Installs every watch, once, and only in Pulumi's dynamic-provider process (the runtime also loads
 * in the program's process for the invokes, where the language host owns signals). Returns whether
 * it did.
 */
export const watchForCancellation = (): boolean => {
  if (installed) return true;
  if (!/[\\/]cmd[\\/]dynamic-provider[\\/]index\.js$/.test(require.main?.filename ?? "")) return false;
  installed = true;
  hookCancelRpc();
  watchEngine();
  for (const name of ["SIGINT", "SIGTERM"] as const) process.once(name, () => cancelAndExit(`received ${name}`));
  return true;
};

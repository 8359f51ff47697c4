import * as E from "fp-ts/Either";
import type { ClientOptions, CocClient } from "../../sdk/client";
import { createClient } from "../../sdk/client";
import type { Emulator, OrderFixture } from "../../emulator";
import { startEmulator } from "../../emulator";

/** Fast retries so fault tests take milliseconds, not the production seconds. */
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, attemptTimeoutMs: 2_000, deadlineMs: 10_000 } as const;

export const clientFor = (emulator: Emulator, opts: ClientOptions = {}): CocClient => {
  const c = createClient({
    endpoint: emulator.url,
    accessKey: emulator.credentials.accessKey,
    secretKey: emulator.credentials.secretKey,
    env: {},
    ...opts,
    retry: { ...FAST_RETRY, ...opts.retry },
  });
  if (E.isLeft(c)) throw new Error(`test client: ${JSON.stringify(c.left)}`);
  return c.right;
};

/** A started emulator per `describe`, with `orders` registered. */
export const useEmulator = (orders: readonly OrderFixture[] = []): { readonly current: Emulator } => {
  const ref: { current: Emulator } = { current: undefined as unknown as Emulator };
  before(async () => {
    ref.current = await startEmulator({ orders });
  });
  after(async () => {
    await ref.current.stop();
  });
  return ref;
};

export const order = (execute_uuid: string, rest: Partial<OrderFixture> = {}): OrderFixture => ({
  execute_uuid,
  script_name: "rotate-logs",
  script_version_name: "v3",
  lifecycle: { status: "FINISHED" },
  ...rest,
});

export const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got ${JSON.stringify(e.left)}`);
  return e.right;
};

export const left = <L>(e: E.Either<L, unknown>): L => {
  if (E.isRight(e)) throw new Error(`expected Left, got ${JSON.stringify(e.right)}`);
  return e.left;
};

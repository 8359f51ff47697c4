/**
 * `npm run emulator`: serve the default fixtures (or the files given) until interrupted.
 * Prints the URL and the credentials it accepts; `--json` prints them as one JSON line for scripts.
 */
import { DEFAULT_FIXTURES, loadFixtureFile } from "./load";
import { startEmulator } from "./server";

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const portArg = args.find((a) => a.startsWith("--port="));
  // --rate-limit=20 or --rate-limit=20,5: requests a second per access key, and the burst.
  const rateArg = args.find((a) => a.startsWith("--rate-limit="));
  const [perSecond, burst] = (rateArg?.slice("--rate-limit=".length) ?? "").split(",").map(Number);
  const rateLimit = rateArg === undefined ? undefined : { perSecond, burst: Number.isFinite(burst) ? burst : undefined };
  if (rateLimit !== undefined && !(perSecond > 0)) throw new Error(`--rate-limit needs a positive number of requests a second, got ${rateArg}`);
  const files = args.filter((a) => !a.startsWith("--"));
  const orders = (files.length > 0 ? files : [DEFAULT_FIXTURES]).flatMap(loadFixtureFile);
  const emulator = await startEmulator({ port: portArg ? Number(portArg.slice("--port=".length)) : Number(process.env.COC_EMULATOR_PORT ?? 0), orders, rateLimit });
  const { accessKey, secretKey, authToken } = emulator.credentials;
  if (json) {
    process.stdout.write(`${JSON.stringify({ url: emulator.url, accessKey, secretKey, authToken, orders: orders.map((o) => o.execute_uuid) })}\n`);
  } else {
    process.stdout.write(
      [
        `COC emulator listening on ${emulator.url} (${orders.length} orders)`,
        `  endpoint:   ${emulator.url}`,
        `  access key: ${accessKey}`,
        `  secret key: ${secretKey}   (emulator-only)`,
        `  IAM token:  ${authToken}`,
        `  try: HUAWEICLOUD_SDK_AK=${accessKey} HUAWEICLOUD_SDK_SK=${secretKey} npx coc-script-order get ${orders[0]?.execute_uuid ?? "<uuid>"} --endpoint ${emulator.url}`,
        "",
      ].join("\n"),
    );
  }
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
};

main().catch((e: unknown) => {
  process.stderr.write(`emulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});

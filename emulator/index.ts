export * from "./fixtures";
export * from "./server";
export { verifySignature, parseSdkDate, MAX_SKEW_MS } from "./verify";
export { loadFixtureFile, DEFAULT_FIXTURES, FIXTURES_DIR } from "./load";

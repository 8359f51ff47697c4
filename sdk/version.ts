// Read once from package.json, so the User-Agent always names the installed version.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const VERSION: string = (require("../../package.json") as { version: string }).version;

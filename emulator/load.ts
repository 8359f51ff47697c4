import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as E from "fp-ts/Either";
import type { OrderFixture } from "./fixtures";
import { FixtureFile } from "./fixtures";

/** Fixtures ship as JSON beside the sources (tsc does not copy them into dist/). */
export const FIXTURES_DIR = path.join(__dirname, "..", "..", "emulator", "fixtures");
export const DEFAULT_FIXTURES = path.join(FIXTURES_DIR, "default.json");

export const loadFixtureFile = (file: string): OrderFixture[] => {
  const decoded = FixtureFile.decode(JSON.parse(readFileSync(file, "utf8")));
  if (E.isLeft(decoded)) throw new Error(`${file} is not a fixture file ({"orders": [...]}) `);
  return decoded.right.orders;
};

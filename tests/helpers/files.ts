import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";

/** Every file under `dir`, at any depth. */
export const allFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });

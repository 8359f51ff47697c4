/**
 * What `npm pack` ships: what a user runs (the library, the CLI, the emulator, the policy pack, the
 * README and the licence) and nothing else, and every `require` inside it resolves inside it.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const REPO_ROOT = path.join(__dirname, "..", "..", "..");
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
};

/** Where each shipped file may come from. */
const ALLOWED = [
  /^dist\/(sdk|provider|cli|emulator|policies)\/[\w.-]+\.(js|d\.ts)$/,
  /^bin\/[\w.-]+$/,
  /^emulator\/fixtures\/[\w.-]+\.json$/,
  /^policies\/(PulumiPolicy\.yaml|package\.json)$/,
  /^(package\.json|README\.md|LICENSE)$/,
];

describe("the packed package", function () {
  this.timeout(60_000);
  let files: string[];
  before(() => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    files = (JSON.parse(out) as [{ files: { path: string }[] }])[0].files.map((f) => f.path).sort();
  });

  it("ships no test, benchmark, script, demo, example, source map or TypeScript source", () => {
    assert.deepEqual(files.filter((f) => !ALLOWED.some((re) => re.test(f))), []);
    assert.deepEqual(files.filter((f) => /^dist\/(tests|bench|scripts|demo|examples)\/|\.map$|(?<!\.d)\.ts$/.test(f)), []);
  });

  it("ships every entry point it declares, the CLI, the pack, the fixtures, README and LICENSE", () => {
    const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : [t.types, t.default]));
    const wanted = [...targets, ...Object.values(pkg.bin), "LICENSE", "README.md", "policies/PulumiPolicy.yaml", "policies/package.json", "emulator/fixtures/default.json"];
    for (const w of wanted.map((x) => x.replace(/^\.\//, ""))) assert.ok(files.includes(w), `${w} is not shipped`);
    const packMain = (JSON.parse(readFileSync(path.join(REPO_ROOT, "policies", "package.json"), "utf8")) as { main: string }).main;
    assert.ok(files.includes(path.posix.join("policies", packMain)), `the policy pack's main ${packMain} is not shipped`);
  });

  it("every relative require of a shipped file resolves to a shipped file", () => {
    const missing: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      const text = readFileSync(path.join(REPO_ROOT, file), "utf8");
      for (const [, spec] of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
        const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
        if (![base, `${base}.js`, `${base}.json`, `${base}/index.js`].some((c) => files.includes(c))) missing.push(`${file} -> ${spec}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});

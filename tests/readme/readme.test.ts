/**
 * The README is part of the product: every TypeScript snippet in it type-checks against the
 * package's published types (dist/*.d.ts, as an installed package resolves them), and the CLI
 * samples are what the CLI prints for the emulator's default fixtures.
 */
import * as assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import type { Emulator } from "../../emulator";
import { DEFAULT_FIXTURES, loadFixtureFile, startEmulator } from "../../emulator";
import { runCli } from "../helpers/cli";

const REPO_ROOT = path.join(__dirname, "..", "..", "..");
const README = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

/** Fenced blocks of one language ("" for none), in order: fences open and close in turn. */
const blocks = (lang: string): string[] => {
  const out: string[] = [];
  let open: { lang: string; lines: string[] } | null = null;
  for (const line of README.split("\n")) {
    const fence = /^```(\S*)\s*$/.exec(line);
    if (fence === null) open?.lines.push(line);
    else if (open === null) open = { lang: fence[1], lines: [] };
    else {
      if (open.lang === lang) out.push(open.lines.join("\n") + "\n");
      open = null;
    }
  }
  return out;
};

/** Names the README leaves to the reader's own program. */
const PRELUDE = `declare class MyAppDeployment {
  constructor(name: string, args: Record<string, unknown>, opts?: import("@pulumi/pulumi").CustomResourceOptions);
}
`;

/** Type-checks each snippet as a module of a user's project; returns the diagnostics per snippet. */
const typeCheck = (snippets: readonly string[]): string[][] => {
  const dir = path.join(REPO_ROOT, ".cache", "readme-snippets");
  mkdirSync(dir, { recursive: true });
  const prelude = path.join(dir, "prelude.d.ts");
  writeFileSync(prelude, PRELUDE);
  const files = snippets.map((code, i) => {
    const file = path.join(dir, `snippet-${i + 1}.ts`);
    writeFileSync(file, code);
    return file;
  });
  const program = ts.createProgram([prelude, ...files], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")],
    baseUrl: REPO_ROOT,
    // What an installed package resolves to: its published declarations.
    paths: {
      "pulumi-huaweicloud-coc": ["dist/provider/index.d.ts"],
      "pulumi-huaweicloud-coc/sdk": ["dist/sdk/index.d.ts"],
    },
  });
  const all = ts.getPreEmitDiagnostics(program);
  return files.map((file) =>
    all
      .filter((d) => d.file?.fileName === file || d.file === undefined)
      .map((d) => {
        const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
        return `${where ? `line ${where.line + 1}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      }),
  );
};

describe("README", function () {
  this.timeout(60_000);

  it("has its TypeScript snippets, and each type-checks against the package", () => {
    const snippets = blocks("ts");
    assert.ok(snippets.length >= 3, `found ${snippets.length} snippets`);
    const results = typeCheck(snippets);
    results.forEach((diagnostics, i) => assert.deepEqual(diagnostics, [], `snippet ${i + 1}:\n${snippets[i]}`));
  });

  it("would catch a snippet that does not compile", () => {
    const [diagnostics] = typeCheck(['import { ScriptOrder } from "pulumi-huaweicloud-coc";\nnew ScriptOrder("x", { executeUuid: 42 });\n']);
    assert.ok(diagnostics.some((d) => /number.*string/.test(d)), diagnostics.join("\n"));
  });

  describe("CLI samples are what the CLI prints", () => {
    let emu: Emulator;
    before(async () => {
      emu = await startEmulator({ orders: loadFixtureFile(DEFAULT_FIXTURES) });
    });
    after(async () => {
      await emu?.stop();
    });

    /** The lines after `$ <command>` in the README's CLI sample, up to the next prompt or the block's end. */
    const sample = (command: string): string[] => {
      const block = blocks("").find((b) => b.includes(`$ ${command}`));
      assert.ok(block !== undefined, `no sample for ${command}`);
      const after = block.slice(block.indexOf(`$ ${command}`)).split("\n").slice(1);
      const end = after.findIndex((l) => l.startsWith("$ ") || l === "");
      return end < 0 ? after : after.slice(0, end);
    };
    // Times and durations differ from run to run; the shape and everything else must not.
    const steady = (lines: readonly string[]) => lines.map((l) => l.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "<time>").replace(/(costs\s+)\d+/, "$1<n>"));
    const cli = (args: string[]) =>
      runCli([...args, "--endpoint", emu.url], { HUAWEICLOUD_SDK_AK: emu.credentials.accessKey, HUAWEICLOUD_SDK_SK: emu.credentials.secretKey });

    it("get", async () => {
      const r = await cli(["get", "SCT20261127DEMOMIGRATE01"]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(steady(r.stdout.trimEnd().split("\n")), steady(sample("coc-script-order get SCT20261127DEMOMIGRATE01")));
    });

    it("list, piped", async () => {
      const r = await cli(["list", "--since", "3h"]);
      assert.equal(r.code, 0, r.stderr);
      const readme = sample("coc-script-order list --since 3h | cat");
      assert.deepEqual(steady(r.stdout.trimEnd().split("\n")).sort(), steady(readme).sort());
    });
  });
});

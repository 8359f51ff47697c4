// Mutation testing with StrykerJS: `npm run mutate` (reports in reports/mutation/, sandboxes in .stryker-tmp/).
//
// How it works: Stryker copies the project (minus ignorePatterns) into .stryker-tmp/sandbox-*, writes the
// instrumented (all-mutants-in-one) sdk/ and provider/ .ts files there, runs `buildCommand` to compile the
// sandbox into its own dist/, and runs the compiled mocha tests from that dist/ with the mocha runner.
// The TypeScript checker first drops mutants that do not compile (status CompileError, not in the score).
//
// Tests: everything under tests/ except tests/e2e (needs the Pulumi engine) and tests/peer (needs the Go
// build). tests/cli spawn bin/coc-script-order.js, which loads the sandbox's dist/cli/main (instrumented),
// but in a child process whose env is only PATH, so no mutant is ever active there: the CLI tests run
// unmutated code and can neither kill nor falsely kill a mutant (they only cost time).
"use strict";

// Shim, needed in every Stryker process (this file is loaded by the main process as config and
// `--require`d by the test-runner and checker child processes, see *NodeArgs below):
// mocha 12 ships its CLI internals as lib/cli/*.cjs, but @stryker-mutator/mocha-runner (9.x and 10.0.0)
// requires `mocha/lib/cli/run-helpers` and `.../options` without an extension, which Node resolves only to
// .js/.json/.node. Registering `.cjs` (loaded by the stock .js loader, which treats .cjs as CommonJS) makes
// those extensionless requires find the .cjs files. Remove once the mocha runner supports mocha 12
// (stryker-js PR #6205).
const Module = require("node:module");
if (!Module._extensions[".cjs"]) Module._extensions[".cjs"] = Module._extensions[".js"];

// Tests (full titles) that cannot pass against instrumented code, so they are left out of the run;
// the dry run fails ("There were failed tests in the initial test run") if a title here goes stale.
const EXCLUDED_TESTS = [
  // Type-checks the README's snippets against the sandbox's dist/*.d.ts, which tsc derives from the
  // instrumented sources (`stryMutAct_9fa48(..) ? .. : ..` makes exports possibly undefined). Types are
  // the TypeScript checker's job here; the README test's other cases run.
  "README has its TypeScript snippets, and each type-checks against the package",
];

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
module.exports = {
  packageManager: "npm",
  // The files that matter most: a run over all of sdk/ and provider/ (about 2,100 mutants) takes well over
  // an hour on 2 shared cores. For everything: npx stryker run stryker.config.cjs --mutate "sdk/**/*.ts,provider/**/*.ts"
  mutate: [
    "sdk/wait.ts",
    "sdk/retry.ts",
    "sdk/transport.ts",
    "sdk/signer.ts",
    "sdk/decode.ts",
    "sdk/json.ts",
    "sdk/codecs.ts",
    "sdk/model.ts",
    "sdk/client.ts",
    "provider/inputs.ts",
    "provider/runtime.ts",
  ],
  // Not copied into the sandbox: build output (rebuilt there; a stale compiled test must not run), caches.
  ignorePatterns: ["/dist", "/.cache", "/.pulumi-state", "/reports", "/.stryker-tmp", "*.log"],
  // Emit only: the instrumented sources do not type-check (the checker below type-checks each mutant).
  // --noCheck emits the same JS as a checked build.
  buildCommand: "tsc -p tsconfig.json --noCheck",
  testRunner: "mocha",
  mochaOptions: {
    spec: ["dist/tests/**/*.test.js"],
    ignore: ["dist/tests/e2e/**", "dist/tests/peer/**"],
    // Every test except EXCLUDED_TESTS (mocha's grep, a regex string matched against the full title).
    grep: `^(?!(?:${EXCLUDED_TESTS.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$)`,
  },
  testRunnerNodeArgs: ["--require", __filename],
  checkers: ["typescript"],
  checkerNodeArgs: ["--require", __filename],
  tsconfigFile: "tsconfig.json",
  coverageAnalysis: "perTest",
  // 2 cores, shared with others (1 checker + 1 test runner while mutants are being type-checked).
  // Some tests wait for seconds by design (tests/sdk/wait.test.ts).
  concurrency: 2,
  timeoutMS: 10000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 10,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false },
  tempDirName: ".stryker-tmp",
};

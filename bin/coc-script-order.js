#!/usr/bin/env node
"use strict";
require("../dist/cli/main")
  .run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env })
  .then((code) => {
    process.exitCode = code;
  });

#!/usr/bin/env node
// Lines of the project's own source stay within 120 characters (Biome formats code to that width but does
// not break long strings, comments or regular expressions). Prints each offending line; exits 1 if any.
"use strict";

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");

const MAX = 120;
const patterns = ["*.ts", "*.js", "*.mts", "*.mjs", "*.cjs"];
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", ...patterns], {
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => f && fs.existsSync(f));
let bad = 0;
for (const file of files) {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    if (line.length > MAX) {
      bad++;
      process.stdout.write(`${file}:${i + 1}: ${line.length} characters (max ${MAX})\n`);
    }
  });
}
if (bad > 0) {
  process.stdout.write(`${bad} line(s) longer than ${MAX} characters\n`);
  process.exit(1);
}

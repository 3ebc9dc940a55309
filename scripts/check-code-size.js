#!/usr/bin/env node
// Sizes of the provider's source: files within ~400 lines and functions within ~60 (the project's style), so
// that each part of it stays readable in one sitting. Prints the largest files and functions of provider/ and
// every one over its limit; exits 1 if any. `node scripts/check-code-size.js [folder...]` checks other folders.
"use strict";

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const ts = require("typescript");

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 60;
const SHOWN = 5;

const folders = process.argv.length > 2 ? process.argv.slice(2) : ["provider"];
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", ...folders], {
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => f.endsWith(".ts") && fs.existsSync(f));

/** The name of a function-like node, as a reader would look for it. */
function nameOf(node, sf) {
  if (node.name) return node.name.getText(sf);
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name) {
    return parent.name.getText(sf);
  }
  return "(anonymous)";
}

const fileSizes = [];
const functionSizes = [];
for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  fileSizes.push({ where: file, lines: text.split("\n").length });
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      functionSizes.push({ where: `${file}:${start + 1} ${nameOf(node, sf)}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

let bad = 0;
for (const [what, sizes, max] of [
  ["files", fileSizes, MAX_FILE_LINES],
  ["functions", functionSizes, MAX_FUNCTION_LINES],
]) {
  sizes.sort((a, b) => b.lines - a.lines);
  process.stdout.write(`largest ${what} (max ${max} lines):\n`);
  for (const s of sizes.slice(0, SHOWN)) process.stdout.write(`  ${s.lines}\t${s.where}\n`);
  for (const s of sizes.filter((x) => x.lines > max)) {
    bad++;
    process.stdout.write(`${s.where}: ${s.lines} lines (max ${max})\n`);
  }
}
if (bad > 0) {
  process.stdout.write(`${bad} file(s) or function(s) over their limit\n`);
  process.exit(1);
}

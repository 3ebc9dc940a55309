#!/usr/bin/env node
// Writes test/durations.json (each test file's seconds) from a vitest JSON report, for the sequencer that starts
// the longest files first on a clean clone (test/support/duration-sequencer.ts). Refresh it when files are added
// or change much:
//   npx vitest run --reporter=json --outputFile.json=/tmp/report.json
//   node scripts/test-durations.js /tmp/report.json
const fs = require("node:fs");
const path = require("node:path");

const report = process.argv[2];
if (!report) {
  process.stderr.write("usage: node scripts/test-durations.js <vitest JSON report>\n");
  process.exit(2);
}
const root = path.join(__dirname, "..");
const { testResults } = JSON.parse(fs.readFileSync(report, "utf8"));
const seconds = {};
for (const r of testResults) {
  const file = path.relative(root, r.name).split(path.sep).join("/");
  // A report made in another checkout of the repository names its files there: keep the path from test/ on.
  seconds[file.slice(file.indexOf("test/"))] = Math.round((r.endTime - r.startTime) / 100) / 10;
}
const sorted = Object.fromEntries(Object.entries(seconds).sort(([a], [b]) => a.localeCompare(b)));
fs.writeFileSync(path.join(root, "test", "durations.json"), `${JSON.stringify(sorted, null, 2)}\n`);
process.stderr.write(`test/durations.json: ${Object.keys(sorted).length} files\n`);

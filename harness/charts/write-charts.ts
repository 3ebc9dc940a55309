// `npm run charts [-- RESULTS.json]`: draws the bench's SVG charts from an existing results file (default
// bench/results/latest.json) next to it. Charts of latest.json are named plainly (stack-wall-time.svg...);
// those of another file carry its name as a prefix (quick-stack-wall-time.svg).
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../pulumi-workspace";
import { type BenchResultsV1, chartInputFromResults } from "./chart-input";
import { writeCharts } from "./charts";

/** Draws the charts of one results file; returns the paths written. */
export function chartsOf(resultsFile: string): string[] {
  const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as BenchResultsV1;
  const base = path.basename(resultsFile, ".json");
  return writeCharts(chartInputFromResults(results), path.dirname(resultsFile), base === "latest" ? "" : `${base}-`);
}

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? path.join(repoRoot, "bench", "results", "latest.json"));
  try {
    for (const written of chartsOf(file)) process.stdout.write(`${path.relative(process.cwd(), written)}\n`);
  } catch (err) {
    process.stderr.write(`[charts] ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

// `npm run drill`: exactly-once under faults. Writes bench/results/drill.json and prints a table.
//   --quick   small stacks, to check the drills themselves quickly
//   --only X  only the drills whose label contains X (e.g. --only "S1" for S13 and S14)
import * as fs from "node:fs";
import * as path from "node:path";
import {
  batchSigkillDrill,
  type DrillResult,
  emulatorRestartDrill,
  faultDrill,
  repoRoot,
  sharedBackendDrill,
  sigkillDrill,
  teamDrill,
} from "../harness";

const quick = process.argv.includes("--quick");
// --only <text>: run the drills whose label contains the text (e.g. --only S13), and write drill-only.json.
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const log = (s: string) => process.stderr.write(`[drill] ${s}\n`);
const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
const byVendor = (m: Record<string, number>, vendor: string) =>
  sum(Object.fromEntries(Object.entries(m).filter(([k]) => k.startsWith(vendor))));

async function main(): Promise<void> {
  const n = quick ? 10 : 50;
  const smaller = quick ? 10 : 25;
  const results: DrillResult[] = [];
  for (const [label, run] of [
    [`faults, ${n} mixed jobs`, () => faultDrill(n)],
    [`emulator restart, ${smaller} mixed jobs`, () => emulatorRestartDrill(smaller)],
    [`SIGKILL when half submitted, ${smaller} jobs`, () => sigkillDrill(smaller, "half submitted")],
    [`SIGKILL when all submitted, ${smaller} jobs`, () => sigkillDrill(smaller, "all submitted")],
    [`SIGKILL when half finished, ${smaller} jobs`, () => sigkillDrill(smaller, "half finished")],
    [
      `plugin: SIGKILL when half submitted, YAML program, ${smaller} jobs`,
      () => sigkillDrill(smaller, "half submitted", 6000, "plugin"),
    ],
    [`two runners on PostgreSQL, runner A killed, ${smaller} jobs`, () => teamDrill(smaller)],
    [
      `S13: two runners on a file:// backend, no aigc:ledger, ${smaller} jobs`,
      () => sharedBackendDrill(smaller, "file"),
    ],
    [
      `S14: two runners on a postgres:// backend, no aigc:ledger, ${smaller} jobs`,
      () => sharedBackendDrill(smaller, "postgres"),
    ],
    [`batch: one batch of ${n} items, SIGKILL mid-batch, another runner`, () => batchSigkillDrill(n)],
  ] as Array<[string, () => Promise<DrillResult>]>) {
    if (only && !label.includes(only)) continue;
    log(label);
    const r = await run();
    results.push(r);
    log(
      `  completed=${r.completed} upRuns=${r.upRuns} duplicates=${JSON.stringify(r.audit.duplicates)} ` +
        `lost=${r.audit.resourcesWithoutJob}`,
    );
  }
  const name = only ? "drill-only.json" : quick ? "drill-quick.json" : "drill.json";
  const out = path.join(repoRoot, "bench", "results", name);
  fs.writeFileSync(out, `${JSON.stringify({ generatedAt: new Date().toISOString(), quick, results }, null, 2)}\n`);
  const rows = results.map((r) => ({
    drill: r.scenario,
    jobs: r.jobs,
    "faults injected": sum(r.faultsInjected),
    completed: r.completed ? `yes (${r.upRuns} up run${r.upRuns > 1 ? "s" : ""})` : "no",
    "Tencent dups": byVendor(r.audit.duplicates, "tencent"),
    "Alibaba dups": byVendor(r.audit.duplicates, "alibaba"),
    "reported ambiguous": sum(r.audit.reportedAmbiguous),
    "data lost": r.audit.resourcesWithoutJob + r.audit.missingResources,
  }));
  const cols = Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => String((r as Record<string, unknown>)[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((x) => x[i]!.length)));
  const line = (v: string[]) => v.map((x, i) => x.padEnd(widths[i]!)).join("  ");
  process.stdout.write(
    `\n${line(cols)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${cells.map(line).join("\n")}\n\n` +
      `written to ${path.relative(repoRoot, out)}\n`,
  );
}

main().catch((err: Error) => {
  process.stderr.write(`[drill] ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});

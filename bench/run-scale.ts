// `npm run bench -- --scale`: issue 21's catalog-scale rows and issue 20's plugin timings, each against the vendor
// floor (harness/scale/vendor-floor.ts), with the machine's load beside every figure. Writes
// bench/results/scale.json (a partial run replaces only the rows it measured) and the table in docs/measured.md
// between its scale markers, and prints that table. Figures only: nothing here passes or fails on time.
//   --quick           a handful of jobs per row, to check the bench itself (writes scale-quick.json only)
//   --only a,b        only these rows: per-job, batch, parallel, shared-account, batch-edits, plugin
//   --sizes 1000,3000 the catalog sizes of the per-job and batch rows
//   --runs 10         runs of the shared-account row;  --items 10000  items of the batch-edits row
//   --ledger postgres the per-job, batch and batch-edits rows keep their ledger in PostgreSQL (one database each)
//   --table           measure nothing: rewrite the table from bench/results/scale.json
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type EmulatorProcess, repoRoot, spawnEmulator, startPostgres } from "../harness";
import { batchEditsRow } from "../harness/scale/batch-edits-row";
import { type CatalogShape, catalogRun } from "../harness/scale/catalog-row";
import { machineLoad } from "../harness/scale/measure";
import { parallelismRow } from "../harness/scale/parallelism-row";
import { pluginRow } from "../harness/scale/plugin-row";
import { mergeRows, type ScaleEntry, type ScaleResults, type ScaleRow } from "../harness/scale/scale-results";
import { scaleTable } from "../harness/scale/scale-table";
import { firstErrorLine, sharedAccountRow } from "../harness/scale/shared-account-row";
import { VENDOR_FLOOR_DEFINITION } from "../harness/scale/vendor-floor";

const ROWS = ["per-job", "batch", "parallel", "shared-account", "batch-edits", "plugin"] as const;
type RowName = (typeof ROWS)[number];

const argv = process.argv.slice(2);
const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const list = (v: string | undefined) => v?.split(",").map((x) => x.trim());
const quick = argv.includes("--quick");
const only = new Set<RowName>((list(flag("--only")) as RowName[] | undefined) ?? ROWS);
for (const r of only) if (!ROWS.includes(r)) throw new Error(`--only: unknown row ${r} (rows: ${ROWS.join(", ")})`);
const sizes = (list(flag("--sizes")) ?? (quick ? ["5", "10"] : ["1000", "3000"])).map(Number);
const runs = Number(flag("--runs") ?? (quick ? 2 : 10));
const items = Number(flag("--items") ?? (quick ? 20 : 10_000));
const LATENCY = 3;
const ledgerKind = flag("--ledger") ?? "file";
if (ledgerKind !== "file" && ledgerKind !== "postgres") throw new Error("--ledger: file or postgres");
const log = (s: string) => process.stderr.write(`[bench:scale] ${s}\n`);

function commit(): string {
  const git = (...a: string[]) => execFileSync("git", a, { cwd: repoRoot, encoding: "utf8" }).trim();
  return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain") ? " (uncommitted changes)" : ""}`;
}

/** The command that reproduces one row alone. */
function command(row: RowName, extra = ""): string {
  const pg = ledgerKind === "postgres" && ["per-job", "batch", "batch-edits"].includes(row) ? " --ledger postgres" : "";
  return `npm run bench -- --scale --only ${row}${extra}${pg}${quick ? " --quick" : ""}`;
}

/** A fresh ledger URL per stack when the rows run on PostgreSQL (`--ledger postgres`), else undefined. */
type LedgerSource = () => Promise<string | undefined>;

/** One row to measure: its id in the results, the command that reproduces it, its emulator's job latency. */
interface RowTask {
  readonly id: string;
  readonly what: string;
  readonly command: string;
  readonly latencySeconds: number;
  run(emu: EmulatorProcess): Promise<ScaleRow>;
}

/** The rows chosen by the options, in the order they run. */
function rowTasks(ledger: LedgerSource): RowTask[] {
  const tasks: RowTask[] = [];
  const pg = ledgerKind === "postgres" ? " postgres" : "";
  for (const n of sizes)
    for (const shape of (["per-job", "batch"] as CatalogShape[]).filter((s) => only.has(s)))
      tasks.push({
        id: `catalog ${shape} ${n}${pg}`,
        what: `${n} scene jobs, ${shape}`,
        command: command(shape, ` --sizes ${n}`),
        latencySeconds: LATENCY,
        run: async (emu) => ({ row: "catalog", data: await catalogRun(emu, shape, n, LATENCY, await ledger()) }),
      });
  if (only.has("parallel")) {
    const [n, latency] = quick ? [6, 5] : [24, 20];
    tasks.push({
      id: "parallelism",
      what: `${n} × ${latency} s jobs: plain up, --parallel ${n}, one batch`,
      command: command("parallel"),
      latencySeconds: latency,
      run: async (emu) => ({ row: "parallelism", data: await parallelismRow(emu, n, latency) }),
    });
  }
  if (only.has("shared-account")) {
    const [k, m] = quick ? [4, 5] : [4, 50];
    tasks.push({
      id: "shared-account",
      what: `${k} stacks × ${m} jobs on one account, ${runs} runs`,
      command: command("shared-account", ` --runs ${runs}`),
      latencySeconds: LATENCY,
      run: async (emu) => ({
        row: "shared-account",
        data: await sharedAccountRow(emu, k, m, runs, LATENCY, (r, i) =>
          log(`  run ${i + 1}: ${r.seconds} s, ${r.throttlingErrors} throttled, ${r.failedStacks} failed stacks`),
        ),
      }),
    });
  }
  if (only.has("batch-edits"))
    tasks.push({
      id: `batch-edits${pg}`,
      what: `${items} items in one batch: up, no-change preview, no-change up, one item added`,
      command: command("batch-edits", ` --items ${items}`),
      latencySeconds: LATENCY,
      run: async (emu) => ({ row: "batch-edits", data: await batchEditsRow(emu, items, LATENCY, await ledger()) }),
    });
  if (only.has("plugin")) {
    const n = quick ? 5 : 100;
    tasks.push({
      id: "plugin",
      what: `${n} scene jobs: dynamic resources, then through the plugin from YAML; the plugin tarball`,
      command: command("plugin"),
      latencySeconds: LATENCY,
      run: async (emu) => ({ row: "plugin", data: await pluginRow(emu, n) }),
    });
  }
  return tasks;
}

/**
 * Runs each row on an emulator of its own. A row that fails is recorded as a failure (what failed and how) and
 * the next row runs: a long run never ends with nothing.
 */
async function measureRows(record: (id: string, r: ScaleRow, cmd: string) => void, ledger: LedgerSource) {
  for (const task of rowTasks(ledger)) {
    log(`${task.what}: load ${machineLoad().loadAverage.join(" ")}`);
    const before = machineLoad();
    const t0 = performance.now();
    const emu = await spawnEmulator(["--latency", String(task.latencySeconds * 1000)]);
    try {
      const r = await task.run(emu);
      log(`  ${JSON.stringify(r.data).slice(0, 300)}`);
      record(task.id, r, task.command);
    } catch (err) {
      const error = firstErrorLine((err as Error).message ?? String(err));
      log(`  failed: ${error}`);
      const seconds = Math.round(performance.now() - t0) / 1000;
      const data = { id: task.id, what: task.what, error, seconds, load: { before, after: machineLoad() } };
      record(task.id, { row: "failure", data }, task.command);
    } finally {
      await emu.stop();
    }
  }
}

/** Replaces the table between the scale markers of docs/measured.md. */
function writeMeasuredTable(table: string): void {
  const file = path.join(repoRoot, "docs", "measured.md");
  const text = fs.readFileSync(file, "utf8");
  const begin = "<!-- scale-table:begin -->";
  const end = "<!-- scale-table:end -->";
  const [a, b] = [text.indexOf(begin), text.indexOf(end)];
  if (a < 0 || b < a) {
    log(`docs/measured.md has no ${begin} … ${end} markers: table not written there`);
    return;
  }
  fs.writeFileSync(file, `${text.slice(0, a + begin.length)}\n\n${table}\n\n${text.slice(b)}`);
}

/** Merges `rows` into the results file and rewrites the table from it; returns the table. */
function writeResults(rows: Record<string, ScaleEntry>): { table: string; out: string } {
  const out = path.join(repoRoot, "bench", "results", quick ? "scale-quick.json" : "scale.json");
  const old = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, "utf8")) as ScaleResults) : undefined;
  const results = mergeRows(old, {
    floor: VENDOR_FLOOR_DEFINITION,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
    rows,
  });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  const table = scaleTable(results);
  if (!quick) writeMeasuredTable(table);
  return { table, out };
}

/**
 * Runs the chosen rows, writing the results after each (a long run stopped midway keeps the rows it finished);
 * the entry point of `npm run bench -- --scale`.
 */
export async function runScale(): Promise<void> {
  const head = commit();
  const record = (id: string, r: ScaleRow, cmd: string) => {
    writeResults({ [id]: { ...r, measuredAt: new Date().toISOString(), commit: head, command: cmd } as ScaleEntry });
  };
  const pg = ledgerKind === "postgres" && !argv.includes("--table") ? await startPostgres() : undefined;
  try {
    if (!argv.includes("--table")) await measureRows(record, async () => pg?.createDatabase());
  } finally {
    await pg?.stop();
  }
  const { table, out } = writeResults({});
  process.stdout.write(`\n${table}\n\n${VENDOR_FLOOR_DEFINITION}\nwritten to ${path.relative(repoRoot, out)}\n`);
}

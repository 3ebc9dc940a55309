// The markdown table of the scale rows (docs/measured.md), from bench/results/scale.json: each figure beside the
// vendor floor and issue 21's (or 20's) target, with the machine's load while it was measured.
import { loadText, type ScaleEntry, type ScaleResults } from "./scale-results";

const n = (x: number) => x.toLocaleString("en-US");
const s = (x: number) => `${Math.round(x * 10) / 10} s`;
const x = (r: number) => `×${r.toFixed(2)}`;

/** How a row's ledger is named in the table: nothing for the default file ledger. */
const ledgerText = (ledger: string | undefined) => (ledger === "postgres" ? ", PostgreSQL ledger" : "");

/** A table line: what, figure, floor, ratio, target, other counts, load. */
type Line = [string, string, string, string, string, string, string];

function catalogLines(e: Extract<ScaleEntry, { row: "catalog" }>): Line[] {
  const d = e.data;
  // Issue 21 sets ≤ ×1.15 at 1,000 jobs for the way the README recommends for a catalog: the batch resource.
  const target = d.n !== 1000 ? "–" : d.shape === "batch" ? "≤ ×1.15" : "– (the README's way is the batch)";
  return [
    [
      `${n(d.n)} scene jobs, ${d.shape === "batch" ? "one batch resource" : "per-job resources"}, \`${d.command}\`` +
        ledgerText(d.ledger),
      s(d.seconds),
      s(d.floorSeconds),
      x(d.ratioToFloor),
      target,
      `${d.throttlingErrors} throttling errors, ${d.submissionsPerJob} submissions and ${d.requestsPerJob} requests ` +
        `per job, ${n(d.stateBytesPerJob)} B of state per job, ${d.cpuSeconds} CPU s`,
      loadText(d.load),
    ],
  ];
}

function parallelismLines(e: Extract<ScaleEntry, { row: "parallelism" }>): Line[] {
  const d = e.data;
  const what = `${d.n} × ${d.jobLatencySeconds} s scene jobs`;
  return d.ways.map((w, i) => [
    `${what}, ${w.shape === "batch" ? "one batch resource" : "per-job"}, \`${w.command}\``,
    s(w.seconds),
    s(d.floorSeconds),
    x(w.ratioToFloor),
    w.command === "pulumi up" && w.shape === "per-job" ? "warned at preview" : "the recommended way ≤ ×1.15",
    i === 0
      ? `preview warning: ${d.previewWarning ? `"${d.previewWarning.slice(0, 110)}…"` : "none"}`
      : `${w.submissionsPerJob} submissions per job, ${w.throttlingErrors} throttling errors`,
    i === 0 ? loadText(d.load) : "",
  ]);
}

function sharedAccountLines(e: Extract<ScaleEntry, { row: "shared-account" }>): Line[] {
  const d = e.data;
  const range = (r: { min: number; max: number }, f: (v: number) => string = String) =>
    r.min === r.max ? f(r.min) : `${f(r.min)}–${f(r.max)}`;
  const loads = d.runs.map((r) => r.load.before.loadAverage[0]);
  return [
    [
      `${d.stacks} stacks × ${d.jobsPerStack} scene jobs on one account at once, ${d.runs.length} runs`,
      `${d.runsWithFailedStacks} of ${d.runs.length} runs with a failed stack; ` +
        `${range(d.throttlingErrors)} throttling errors per run`,
      s(d.floorSeconds),
      range(d.ratioToFloor, x),
      "0 failed in 10 runs, ≤ 20 throttling errors, ≤ ×1.2",
      `${range(d.requestsPerJob)} requests per job`,
      `${Math.min(...loads)}–${Math.max(...loads)} (${d.runs[0]?.load.before.cpus ?? "?"} CPUs)`,
    ],
  ];
}

function batchEditsLines(e: Extract<ScaleEntry, { row: "batch-edits" }>): Line[] {
  const d = e.data;
  const target: Record<string, string> = {
    up: "≤ ×1.2",
    "no-change preview": "≤ 30 s, 0 submissions",
    "no-change up": "≤ 60 s, 0 submissions",
    "one item added": "1 submission",
  };
  // The issue's targets are for 10,000 items; at another size they are shown for reference.
  const at = d.items === 10_000 ? "" : " (at 10,000)";
  return d.steps.map((st, i) => [
    `${n(d.items)} items in one batch${ledgerText(d.ledger)}: ${st.step}`,
    s(st.seconds),
    i === 0 ? s(d.floorSeconds) : "",
    i === 0 ? x(d.ratioToFloor) : "",
    `${target[st.step] ?? ""}${at}`,
    `${st.submissions} submissions, ${st.vendorRequests} vendor requests, ${st.throttlingErrors} throttling errors` +
      (i === 0 ? `; ${n(d.stateBytesPerItem)} B of state per item` : ""),
    i === 0 ? loadText(d.load) : "",
  ]);
}

function pluginLines(e: Extract<ScaleEntry, { row: "plugin" }>): Line[] {
  const d = e.data;
  return [
    ...d.ways.map(
      (w): Line => [
        `${d.jobs} scene jobs through ${w.way}: preview / up`,
        `${s(w.previewSeconds)} / ${s(w.upSeconds)}`,
        "",
        "",
        "measured in the same run",
        `${w.previewVendorRequests} vendor requests at preview, ${w.submissionsPerJob} submissions per job`,
        "",
      ],
    ),
    [
      `the plugin tarball (\`npm run plugin\`, ${d.tarball.file})`,
      `${(d.tarball.bytes / 2 ** 20).toFixed(1)} MiB`,
      "",
      "",
      "",
      `built in ${d.tarball.seconds} s`,
      loadText(d.load),
    ],
  ];
}

const ORDER = ["catalog", "parallelism", "shared-account", "batch-edits", "plugin", "failure"];

/** Where a row goes in the table: catalogs by size, per-job before batch, then the other rows in ORDER. */
function rank(e: ScaleEntry): number {
  const base = ORDER.indexOf(e.row) * 1e7;
  return e.row === "catalog" ? base + e.data.n * 2 + (e.data.shape === "batch" ? 1 : 0) : base;
}

/** The table of every row in the results, one or more lines each (ordered as `rank` says). */
export function scaleTable(results: ScaleResults): string {
  const lines: Line[] = [];
  for (const e of Object.values(results.rows).sort((a, b) => rank(a) - rank(b))) {
    if (e.row === "catalog") lines.push(...catalogLines(e));
    else if (e.row === "parallelism") lines.push(...parallelismLines(e));
    else if (e.row === "shared-account") lines.push(...sharedAccountLines(e));
    else if (e.row === "batch-edits") lines.push(...batchEditsLines(e));
    else if (e.row === "plugin") lines.push(...pluginLines(e));
    else
      lines.push([e.data.what, `failed after ${s(e.data.seconds)}`, "", "", "", e.data.error, loadText(e.data.load)]);
  }
  const head: Line = ["row", "figure", "vendor floor", "× floor", "target", "counts", "load (1 min, before → after)"];
  const body = [head, ...lines].map((l) => l.map((c) => c.replaceAll("|", "\\|")));
  // Padded as the repository's formatter (biome) lays out markdown tables, so the written file stays formatted.
  const widths = head.map((_, i) => Math.max(3, ...body.map((l) => l[i]!.length)));
  const row = (l: readonly string[]) => `| ${l.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  const rule = `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`;
  return [row(body[0]!), rule, ...body.slice(1).map(row)].join("\n");
}

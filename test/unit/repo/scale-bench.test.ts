// The scale bench's pure parts (harness/scale/): the one vendor floor, the parallelism warning and error lines it
// picks out of CLI output, merging a partial run into the results, and the table docs/measured.md shows.
import { describe, expect, it } from "vitest";
import type { CatalogRun } from "../../../harness/scale/catalog-row";
import type { MachineLoad } from "../../../harness/scale/measure";
import { parallelismWarning } from "../../../harness/scale/parallelism-row";
import { mergeRows, type ScaleResults } from "../../../harness/scale/scale-results";
import { scaleTable } from "../../../harness/scale/scale-table";
import { firstErrorLine } from "../../../harness/scale/shared-account-row";
import { vendorFloorSeconds } from "../../../harness/scale/vendor-floor";

const load = (l: number): MachineLoad => ({ at: "2026-12-07T02:00:00Z", loadAverage: [l, l, l], cpus: 2 });
const catalog = (n: number, seconds: number): CatalogRun => ({
  shape: "batch",
  ledger: "file",
  n,
  command: "pulumi up",
  jobLatencySeconds: 3,
  seconds,
  floorSeconds: vendorFloorSeconds(n, 3),
  ratioToFloor: seconds / vendorFloorSeconds(n, 3),
  cpuSeconds: 12,
  throttlingErrors: 0,
  submissionsPerJob: 1,
  requestsPerJob: 3.5,
  stateBytesPerJob: 812,
  load: { before: load(1.5), after: load(2.25) },
});
const results = (runs: CatalogRun[]): ScaleResults => ({
  floor: "f",
  machine: { cpus: 2, node: "v22" },
  rows: Object.fromEntries(
    runs.map((data) => [
      `catalog ${data.shape} ${data.n}`,
      { row: "catalog" as const, data, measuredAt: "t", commit: "c", command: "npm run bench -- --scale" },
    ]),
  ),
});

describe("the scale bench", () => {
  it("tables a row that failed with what failed, after how long, at what load", () => {
    const failed: ScaleResults = {
      ...results([]),
      rows: {
        "batch-edits": {
          row: "failure",
          data: {
            id: "batch-edits",
            what: "10000 items in one batch",
            error: "error: timeout exceeded when trying to connect",
            seconds: 81.25,
            load: { before: load(3), after: load(4) },
          },
          measuredAt: "t",
          commit: "c",
          command: "npm run bench -- --scale --only batch-edits",
        },
      },
    };
    const line = scaleTable(failed).split("\n")[2]!.replace(/ +/g, " ");
    expect(line).toBe(
      "| 10000 items in one batch | failed after 81.3 s | | | | error: timeout exceeded when trying to connect | " +
        "3 → 4 (2 CPUs) |",
    );
  });

  it("judges every row against issue 21's floor: N / 18 per s plus one job latency", () => {
    expect(vendorFloorSeconds(1000, 3)).toBeCloseTo(58.56, 2);
    expect(vendorFloorSeconds(10_000, 3)).toBeCloseTo(558.56, 2);
    expect(vendorFloorSeconds(24, 20)).toBeCloseTo(21.33, 2);
  });

  it("finds the parallelism warning in a preview's output, and none where there is none", () => {
    const out =
      "Previewing update (e2e)\n +  pulumi:pulumi:Stack s-e2e create warning: 24 jobs will queue: 8 at once; set " +
      "PULUMI_PARALLEL=24\n done";
    expect(parallelismWarning(out)).toBe("warning: 24 jobs will queue: 8 at once; set PULUMI_PARALLEL=24");
    expect(parallelismWarning("Previewing update (e2e)\n + 24 to create")).toBeUndefined();
  });

  it("keeps the first error line of a failed update, not the stack trace", () => {
    const msg = "code: 255\n stdout: Updating\n  error: [RequestLimitExceeded] too fast\n    at Object.x (a.js:1)";
    expect(firstErrorLine(msg)).toBe("error: [RequestLimitExceeded] too fast");
  });

  it("replaces only the rows a partial run measured", () => {
    const merged = mergeRows(results([catalog(1000, 70), catalog(3000, 200)]), results([catalog(1000, 65)]));
    expect(Object.keys(merged.rows)).toEqual(["catalog batch 1000", "catalog batch 3000"]);
    expect(merged.rows["catalog batch 1000"]!.data).toMatchObject({ seconds: 65 });
  });

  it("tables each figure with its floor, ratio, target and the load it was measured at", () => {
    const table = scaleTable(results([catalog(1000, 65)]))
      .split("\n")
      .map((l) => l.replace(/ +/g, " "));
    expect(table).toHaveLength(3);
    expect(table[2]).toContain("| 1,000 scene jobs, one batch resource, `pulumi up` | 65 s | 58.6 s | ×1.11 |");
    expect(table[2]).toContain("| ≤ ×1.15 |");
    expect(table[2]).toContain("812 B of state per job");
    expect(table[2]).toContain("1.5 → 2.25 (2 CPUs)");
  });
});

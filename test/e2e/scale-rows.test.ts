// The scale bench's rows (harness/scale/, behind `npm run bench -- --scale`) with a handful of jobs: what each row
// counts must be what the vendor saw, so a row cannot report a floor ratio for a run that submitted twice, failed
// a stack or left jobs unsubmitted without saying so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorProcess, spawnEmulator } from "../../harness";
import { batchEditsRow } from "../../harness/scale/batch-edits-row";
import { catalogRun } from "../../harness/scale/catalog-row";
import { sharedAccountRow } from "../../harness/scale/shared-account-row";
import { vendorFloorSeconds } from "../../harness/scale/vendor-floor";

describe("scale bench rows, a handful of jobs", () => {
  let emu: EmulatorProcess;
  beforeAll(async () => {
    emu = await spawnEmulator(["--latency", "1000"]);
  });
  afterAll(async () => {
    await emu?.stop();
  });

  it("a catalog of 3 per-job resources: one submission per job, timed against the floor", async () => {
    const r = await catalogRun(emu, "per-job", 3, 1);
    expect(r).toMatchObject({ n: 3, command: "pulumi up --parallel 3", throttlingErrors: 0, submissionsPerJob: 1 });
    expect(r.floorSeconds).toBeCloseTo(vendorFloorSeconds(3, 1), 2);
    expect(r.seconds).toBeGreaterThan(1);
    expect(r.ratioToFloor).toBeCloseTo(r.seconds / vendorFloorSeconds(3, 1), 1);
    // Each job is submitted and polled until done at least once.
    expect(r.requestsPerJob).toBeGreaterThanOrEqual(2);
    expect(r.stateBytesPerJob).toBeGreaterThan(500);
    expect(r.load.before.cpus).toBeGreaterThan(0);
  });

  it("2 stacks × 2 jobs on one account at once: every job submitted once, no stack failed", async () => {
    const row = await sharedAccountRow(emu, 2, 2, 1, 1);
    expect(row.runs).toHaveLength(1);
    expect(row.runs[0]).toMatchObject({ failedStacks: 0, submissions: 4, errors: [] });
    expect(row.runsWithFailedStacks).toBe(0);
    expect(row.floorSeconds).toBeCloseTo(vendorFloorSeconds(4, 1), 2);
    expect(row.requestsPerJob.min).toBeGreaterThanOrEqual(2);
  });

  it("3 items in one batch: the no-change preview and up submit nothing, an added item exactly one job", async () => {
    const row = await batchEditsRow(emu, 3, 1);
    expect(row.steps.map((st) => [st.step, st.submissions])).toEqual([
      ["up", 3],
      ["no-change preview", 0],
      ["no-change up", 0],
      ["one item added", 1],
    ]);
    expect(row.steps[1]!.vendorRequests).toBe(0);
    expect(row.steps.every((st) => st.throttlingErrors === 0)).toBe(true);
    expect(row.ratioToFloor).toBeCloseTo(row.steps[0]!.seconds / vendorFloorSeconds(3, 1), 1);
  });
});

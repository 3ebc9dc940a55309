// The scale bench's rows (harness/scale/, behind `npm run bench -- --scale`) with a handful of jobs: what each row
// counts must be what the vendor saw, so a row cannot report a floor ratio for a run that submitted twice, failed
// a stack or left jobs unsubmitted without saying so. Only the catalog row runs here (it holds the counting every row
// shares, harness/scale/measure.ts); the shared-account and batch-edits rows cost 46 s of CI for bench code and run
// with a handful of jobs in `npm run bench -- --scale --quick` (docs/development.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorProcess, spawnEmulator } from "../../harness";
import { catalogRun } from "../../harness/scale/catalog-row";
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
});

// Issue 21: the plain `pulumi up` must not queue jobs silently. A program that declares more job resources than
// the engine runs at once is told so once per preview, with the count, the parallelism, the cost in waves and
// the ways out; with `--parallel` at least the count, nothing is said. Previews only: no job runs.
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, type TestStack } from "../../harness";
import { startTestEmulator, vendorRequests } from "../support/emulator";

const WARNING = /this program declares (\d+) job resources, and the engine runs at most (\d+) steps at once/g;

describe("the engine's parallelism at preview", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator();
    // PULUMI_PARALLEL sets the CLI's default parallelism, as a user's shell would.
    t = await createAigcStack("parallel", emu, {
      program: "dist/harness/programs/job-stack.js",
      config: { "bench:n": "12" },
      env: { PULUMI_PARALLEL: "4" },
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("12 jobs at the default parallelism of 4: warned once, with the waves and the ways out", async () => {
    const warnings: string[] = [];
    const preview = await t.stack.preview({
      onEvent: (e) => {
        if (e.diagnosticEvent?.severity === "warning") warnings.push(e.diagnosticEvent.message);
      },
    });
    const text = preview.stdout + preview.stderr;
    // Once per run (the CLI repeats a warning in its summary: the engine's events count it once).
    const said = warnings.flatMap((w) => [...w.matchAll(WARNING)].map((m) => [m[1], m[2]]));
    expect(said).toEqual([["12", "4"]]);
    expect(text).toMatch(/≈ 3 waves of the jobs' duration/);
    expect(text).toMatch(/pulumi up --parallel 12.*PULUMI_PARALLEL=12/);
    expect(text).toMatch(/tencent\.SceneAigcImageTaskSet/);
    expect(await vendorRequests(emu)).toBe(0);
  });

  it("with --parallel 12, nothing is said", async () => {
    const preview = await t.stack.preview({ parallel: 12 });
    expect(preview.stdout + preview.stderr).not.toMatch(WARNING);
  });
});

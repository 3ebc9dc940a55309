// The engine runs at most `--parallel` resource steps at once (PULUMI_PARALLEL, else 4 × GOMAXPROCS: 8 on 2
// cores), and a job's create holds its step for the job's whole duration. A program that declares more jobs
// than that runs them in waves, silently: 24 scene jobs of 20 s took 66 s with the plain `pulumi up` and 27 s
// with `--parallel 24` (issue 21). Only the program knows both numbers: the engine hands its parallelism to the
// language host (RunRequest.parallel), whose runner puts it in PULUMI_NODEJS_PARALLEL; the provider process
// never learns it, and sees its resources one at a time.
import * as pulumi from "@pulumi/pulumi";

/** The engine's parallelism for this program run, or undefined when unlimited or unknown. */
export function engineParallelism(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const p = Number(env.PULUMI_NODEJS_PARALLEL);
  return Number.isInteger(p) && p > 0 ? p : undefined;
}

/**
 * The warning for `jobs` job resources under a parallelism of `parallel`, or undefined when they all run at
 * once. It names the count, the parallelism, the cost in waves and the three ways out.
 */
export function parallelismWarning(jobs: number, parallel: number): string | undefined {
  if (jobs <= parallel) return undefined;
  const waves = Math.ceil(jobs / parallel);
  return (
    `this program declares ${jobs} job resources, and the engine runs at most ${parallel} steps at once ` +
    `(--parallel ${parallel}): each job holds its step until it finishes, so the jobs run in ≈ ${waves} waves ` +
    `of the jobs' duration instead of one. Run \`pulumi up --parallel ${jobs}\` (or set PULUMI_PARALLEL=${jobs}), ` +
    "or declare a catalog as one batch resource (tencent.SceneAigcImageTaskSet and its siblings: " +
    "docs/batches.md), whose jobs run together at the vendor's pace"
  );
}

/** Job resources counted per program run: an Automation API process may run several programs in turn. */
const runs = new WeakMap<object, { jobs: number; scheduled: boolean }>();
const outsideARun = {};

/**
 * Counts one job resource of this program run; the first time the count passes the engine's parallelism,
 * warns once (at preview and at up), after the program's synchronous declarations, with the count then.
 */
export function countJobResource(): void {
  const parallel = engineParallelism();
  if (parallel === undefined) return;
  const key = pulumi.runtime.getStackResource() ?? outsideARun;
  let run = runs.get(key);
  if (!run) {
    run = { jobs: 0, scheduled: false };
    runs.set(key, run);
  }
  run.jobs++;
  if (run.jobs <= parallel || run.scheduled) return;
  run.scheduled = true;
  const counted = run;
  // A catalog is declared in a loop: by the next turn of the event loop, the loop has declared them all.
  setImmediate(() => {
    const text = parallelismWarning(counted.jobs, parallel);
    if (text) void pulumi.log.warn(text);
  });
}

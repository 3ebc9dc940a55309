// Scale row "the plain `pulumi up` against `--parallel N`" (issue 21): N per-job resources of long jobs applied
// with the plain command (the engine runs at most 4 × cores steps at once, and each create holds its step for
// the job's whole latency), with `--parallel N`, and as one batch resource with the plain command. The plain
// command's preview is kept, to see whether it warns that the jobs will queue.
import type { EmulatorProcess } from "../emulator-process";
import { type CatalogShape, catalogStack, type LoadSpan } from "./catalog-row";
import { machineLoad, round, timed, vendorDelta, vendorTotals } from "./measure";
import { vendorFloorSeconds } from "./vendor-floor";

/** One way of applying the N long jobs. */
export interface ParallelismWay {
  readonly command: string;
  readonly shape: CatalogShape;
  readonly seconds: number;
  readonly ratioToFloor: number;
  readonly submissionsPerJob: number;
  readonly throttlingErrors: number;
}

/** The row: the same N jobs applied three ways, against the floor. */
export interface ParallelismRow {
  readonly n: number;
  readonly jobLatencySeconds: number;
  readonly floorSeconds: number;
  readonly ways: readonly ParallelismWay[];
  /** The line of the plain command's preview that warns about the engine's parallelism, if any. */
  readonly previewWarning: string | undefined;
  readonly load: LoadSpan;
}

/**
 * The warning in a command's output that names the parallelism settings (the one issue 21 asks for), from its
 * `warning:` on: the first line naming PULUMI_PARALLEL or `--parallel`.
 */
export function parallelismWarning(output: string): string | undefined {
  const line = output.split("\n").find((l) => /PULUMI_PARALLEL|--parallel/.test(l));
  return line?.slice(Math.max(0, line.indexOf("warning:"))).trim();
}

/** `up` of a fresh stack of N jobs in this shape, with `--parallel` when given. */
async function way(
  emu: EmulatorProcess,
  shape: CatalogShape,
  n: number,
  latency: number,
  parallel: number | undefined,
  onPreview?: (output: string) => void,
): Promise<ParallelismWay> {
  const t = await catalogStack(`scale-parallel-${shape}-${parallel ?? "plain"}`, emu, shape, n);
  try {
    if (onPreview) {
      const p = await t.stack.preview();
      onPreview(`${p.stdout}\n${p.stderr}`);
    }
    const v0 = await vendorTotals(emu);
    const run = await timed(() => t.stack.up(parallel ? { parallel } : {}));
    const v = vendorDelta(v0, await vendorTotals(emu));
    return {
      command: parallel ? `pulumi up --parallel ${parallel}` : "pulumi up",
      shape,
      seconds: round(run.seconds),
      ratioToFloor: round(run.seconds / vendorFloorSeconds(n, latency), 3),
      submissionsPerJob: round(v.submissions / n, 3),
      throttlingErrors: v.throttled,
    };
  } finally {
    await t.cleanup();
  }
}

/**
 * The plain `pulumi up` of N per-job resources (after its preview), `up --parallel N`, and the plain `up` of one
 * batch resource, on an emulator whose jobs take `jobLatencySeconds`.
 */
export async function parallelismRow(
  emu: EmulatorProcess,
  n: number,
  jobLatencySeconds: number,
): Promise<ParallelismRow> {
  const before = machineLoad();
  let previewWarning: string | undefined;
  const ways = [
    await way(emu, "per-job", n, jobLatencySeconds, undefined, (out) => {
      previewWarning = parallelismWarning(out);
    }),
    await way(emu, "per-job", n, jobLatencySeconds, n),
    await way(emu, "batch", n, jobLatencySeconds, undefined),
  ];
  return {
    n,
    jobLatencySeconds,
    floorSeconds: round(vendorFloorSeconds(n, jobLatencySeconds)),
    ways,
    previewWarning,
    load: { before, after: machineLoad() },
  };
}

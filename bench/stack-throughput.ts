// Stack throughput against its floor, preview cost, provider memory and state size: the real CLI (Automation API)
// applies stacks of N jobs to the emulator (in a child process) at the vendors' real rate limits. The floor is
// measured in the same run: the same N resources as dynamic resources that only wait for a submit slot at the
// create rate limit and then for the job latency (bench/programs/floor-stack.ts). No-op dynamic resources measure
// the engine's own time.
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorConfig } from "pulumi-aigc/emulator";
import { createAigcStack, createTestStack, type EmulatorProcess, type TestStack } from "../harness";
import type { StackKind, StackMix } from "../harness/programs/stack-mix";
import { checkpointBytes, checkpointFiles, timed } from "../harness/scale/measure";
import { round } from "./percentile";
import { withProviderMemory } from "./provider-memory";

const PROJECTS = path.join(".pulumi-aigc", "bench");

/** Each kind's create action: its rate-limit bucket and the limit the emulator enforces (requests per second). */
function createLimits(): Record<StackKind, { bucket: string; perSecond: number }> {
  const rl = EmulatorConfig.parse({}).rateLimits;
  return {
    subject: { bucket: "tencent:CreateAigcAdvancedCustomElement", perSecond: rl.tencentDefault },
    scene: { bucket: "tencent:CreateSceneAigcImageTask", perSecond: rl.tencentDefault },
    gif: { bucket: "vod:SubmitAIImageJob", perSecond: rl.alibabaVod },
    portrait: { bucket: "aicontent:Personalizedtxt2imgAddInferenceJob", perSecond: rl.alibabaAiContent },
    cover: { bucket: "ice:SubmitIProductionJob", perSecond: rl.alibabaIce },
  };
}

/** How the floor is obtained, for the results file and the charts. */
export const FLOOR_METHOD =
  "floor measured in the same run: N dynamic resources, registered as ours are (one-line provider text), that " +
  "wait for a submit slot at the vendor's create rate limit, then sleep the job latency";

export interface StackRun {
  readonly mix: StackMix;
  readonly n: number;
  readonly jobLatencySeconds: number;
  readonly seconds: number;
  /** `up` of N no-op dynamic resources: the engine's own time. */
  readonly engineOverheadSeconds: number;
  /** `up` of the floor stack (FLOOR_METHOD): the best any provider could do against these rate limits. */
  readonly floorSeconds?: number | undefined;
  readonly ratioToFloor?: number | undefined;
  /** CPU seconds of the whole `pulumi up` process tree (engine, language host, program, provider). */
  readonly cpuSeconds: number;
  /** Throttling errors the emulator answered (every one of them went to the provider). Target 0. */
  readonly throttlingErrors: number;
  /** Jobs the vendor created per resource. Target exactly 1. */
  readonly submissionsPerResource: number;
  readonly peakProviderRssMiB: number;
  readonly stateBytesPerResource: number;
  /** Where a job resource's bytes in the checkpoint go, on average. */
  readonly stateBreakdown: StateBreakdown;
}

/** Average bytes per job resource in the checkpoint, by part (compact JSON, as the file backend writes it). */
export interface StateBreakdown {
  readonly resources: number;
  /** The whole resource entry. */
  readonly total: number;
  /** `__provider`, in the inputs and in the outputs together. */
  readonly provider: number;
  /** The other inputs. */
  readonly inputs: number;
  /** Outputs that stand for the inputs (`__inputs` and each input's digest or value). */
  readonly storedInputs: number;
  /** Secret outputs (ciphertexts). */
  readonly secretOutputs: number;
  /** The other outputs. */
  readonly outputs: number;
  /** What the engine records: URN, type, id, parent, provider, dependencies, times, source position, stack trace. */
  readonly engine: number;
}

interface Stats {
  totals: { requests: number; submissions: number; throttled: number };
}

const bytes = (v: unknown) => (v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v)));

/** Where the bytes of the stack's job resources go (see StateBreakdown). */
export function stateBreakdown(t: TestStack): StateBreakdown {
  type Res = { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  const file = checkpointFiles(t)[0]!;
  const resources = (
    JSON.parse(fs.readFileSync(file, "utf8")) as { checkpoint: { latest: { resources: Res[] } } }
  ).checkpoint.latest.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  const sum = { total: 0, provider: 0, inputs: 0, storedInputs: 0, secretOutputs: 0, outputs: 0, engine: 0 };
  for (const r of resources) {
    const { __provider: p1, ...inputs } = r.inputs ?? {};
    const { __provider: p2, ...outputs } = r.outputs ?? {};
    const stored = new Set(["__inputs", ...((outputs.__inputs as string[] | undefined) ?? [])]);
    const isSecret = (v: unknown) => typeof v === "object" && v !== null && "ciphertext" in v;
    const part = (pick: (k: string, v: unknown) => boolean) =>
      bytes(Object.fromEntries(Object.entries(outputs).filter(([k, v]) => pick(k, v)))) - 2;
    const total = bytes(r);
    const io = bytes(r.inputs) + bytes(r.outputs);
    sum.total += total;
    sum.provider += bytes(p1) + bytes(p2);
    sum.inputs += bytes(inputs);
    sum.storedInputs += part((k) => stored.has(k));
    sum.secretOutputs += part((k, v) => !stored.has(k) && isSecret(v));
    sum.outputs += part((k, v) => !stored.has(k) && !isSecret(v));
    sum.engine += total - io;
  }
  const n = Math.max(1, resources.length);
  return {
    resources: resources.length,
    ...(Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, Math.round(v / n)])) as typeof sum),
  };
}

/** The engine's own time for N resources: `up` of N no-op dynamic resources, same CLI, same parallelism. */
export interface EngineOverhead {
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** The dynamic-provider process's peak RSS with no vendor work: the baseline of Pulumi's own provider host. */
  readonly peakProviderRssMiB: number;
}

/** Engine overhead: `up` of N no-op dynamic resources, same CLI, same parallelism. */
export async function engineOverhead(n: number): Promise<EngineOverhead> {
  const t = await createTestStack({
    name: `bench-noop-${n}`,
    program: "dist/bench/programs/noop-stack.js",
    config: { "bench:n": String(n) },
    projectsDir: PROJECTS,
  });
  try {
    const { result, peakRssBytes } = await withProviderMemory(() => timed(() => t.stack.up({ parallel: n })));
    return {
      seconds: round(result.seconds, 2),
      cpuSeconds: round(result.cpuSeconds, 2),
      peakProviderRssMiB: round(peakRssBytes / 2 ** 20, 1),
    };
  } finally {
    await t.stack.destroy({ parallel: n }).catch(() => undefined);
    await t.cleanup();
  }
}

/** The floor of a stack of N jobs of this mix: `up` of the floor stack (FLOOR_METHOD), seconds. */
export async function measuredFloor(mix: StackMix, n: number, latencySeconds: number): Promise<number> {
  const limits = createLimits();
  const t = await createTestStack({
    name: `bench-floor-${mix}-${n}`,
    program: "dist/bench/programs/floor-stack.js",
    config: {
      "bench:n": String(n),
      "bench:mix": mix,
      "bench:latencyMs": String(latencySeconds * 1000),
      "bench:limits": JSON.stringify(mix === "mixed" ? limits : { scene: limits.scene }),
    },
    projectsDir: PROJECTS,
  });
  try {
    return (await timed(() => t.stack.up({ parallel: n }))).seconds;
  } finally {
    await t.stack.destroy({ parallel: n }).catch(() => undefined);
    await t.cleanup();
  }
}

/** One stack of N jobs applied with `up --parallel N`, against its floor measured just before. */
export async function stackRun(
  emu: EmulatorProcess,
  mix: StackMix,
  n: number,
  latencySeconds: number,
  overhead: EngineOverhead | undefined,
  floorSeconds: number | undefined,
): Promise<StackRun> {
  const t = await createAigcStack(`bench-${mix}-${n}`, emu, {
    program: "dist/harness/programs/job-stack.js",
    // The spend guard's default cap (100 submissions per update) would stop a larger stack.
    config: { "bench:n": String(n), "bench:mix": mix, "aigc:maxSubmissionsPerUpdate": String(n) },
    projectsDir: PROJECTS,
  });
  try {
    const before = await emu.admin<Stats>("stats");
    const { result, peakRssBytes } = await withProviderMemory(() => timed(() => t.stack.up({ parallel: n })));
    const after = await emu.admin<Stats>("stats");
    return {
      mix,
      n,
      jobLatencySeconds: latencySeconds,
      seconds: round(result.seconds, 2),
      engineOverheadSeconds: overhead?.seconds ?? 0,
      ...(floorSeconds === undefined
        ? {}
        : { floorSeconds: round(floorSeconds, 2), ratioToFloor: round(result.seconds / floorSeconds, 3) }),
      cpuSeconds: round(result.cpuSeconds, 2),
      throttlingErrors: after.totals.throttled - before.totals.throttled,
      submissionsPerResource: round((after.totals.submissions - before.totals.submissions) / n, 3),
      peakProviderRssMiB: round(peakRssBytes / 2 ** 20, 1),
      stateBytesPerResource: Math.round(checkpointBytes(t) / n),
      stateBreakdown: stateBreakdown(t),
    };
  } finally {
    await t.stack.destroy({ parallel: n }).catch(() => undefined);
    await t.cleanup();
  }
}

export interface PreviewCost {
  readonly n: number;
  readonly previewSeconds: number;
  readonly noopPreviewSeconds: number;
  readonly ratio: number;
  /** CPU seconds of the `pulumi preview` process tree: ours and the no-op stack's. */
  readonly cpuSeconds: number;
  readonly noopCpuSeconds: number;
  /** Previews of each stack (alternating, the first of each discarded as warm-up): the medians are reported. */
  readonly repeats: number;
  /** Vendor API requests the emulator received during the preview. Target 0. */
  readonly vendorCalls: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * `pulumi preview` of N jobs (check of every resource, no vendor call) against the same for N no-op resources:
 * alternating, after one warm-up preview of each, `repeats` times each; medians.
 */
export async function previewCost(emu: EmulatorProcess, n: number, repeats = 3): Promise<PreviewCost> {
  const noop = await createTestStack({
    name: `bench-noop-preview-${n}`,
    program: "dist/bench/programs/noop-stack.js",
    config: { "bench:n": String(n) },
    projectsDir: PROJECTS,
  });
  const jobs = await createAigcStack(`bench-preview-${n}`, emu, {
    program: "dist/harness/programs/job-stack.js",
    config: { "bench:n": String(n), "aigc:maxSubmissionsPerUpdate": String(n) },
    projectsDir: PROJECTS,
  });
  try {
    const ours: Array<{ seconds: number; cpuSeconds: number }> = [];
    const theirs: Array<{ seconds: number; cpuSeconds: number }> = [];
    const before = await emu.admin<Stats>("stats");
    for (let i = 0; i <= repeats; i++) {
      const a = await timed(() => noop.stack.preview({ parallel: n }));
      const b = await timed(() => jobs.stack.preview({ parallel: n }));
      if (i === 0) continue; // warm-up: file caches, the CLI's first start
      theirs.push(a);
      ours.push(b);
    }
    const after = await emu.admin<Stats>("stats");
    const seconds = median(ours.map((r) => r.seconds));
    const noopSeconds = median(theirs.map((r) => r.seconds));
    return {
      n,
      previewSeconds: round(seconds, 2),
      noopPreviewSeconds: round(noopSeconds, 2),
      ratio: round(seconds / noopSeconds, 3),
      cpuSeconds: round(median(ours.map((r) => r.cpuSeconds)), 2),
      noopCpuSeconds: round(median(theirs.map((r) => r.cpuSeconds)), 2),
      repeats,
      vendorCalls: after.totals.requests - before.totals.requests,
    };
  } finally {
    await noop.cleanup();
    await jobs.cleanup();
  }
}

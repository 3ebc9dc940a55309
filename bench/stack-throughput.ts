// Stack throughput against its physical floor, preview cost, provider memory and state size: the real CLI
// (Automation API) applies stacks of N jobs to the emulator (in a child process) at the vendors' real rate
// limits, next to the same N of no-op dynamic resources that measure the engine's own overhead.
import * as fs from "node:fs";
import * as path from "node:path";
import { createAigcStack, createTestStack, type EmulatorProcess, type TestStack } from "../harness";
import { withProviderMemory } from "./provider-memory";
import { round } from "./stats";

const PROJECTS = path.join(".pulumi-aigc", "bench");

/** The vendors' documented create limits, requests per second (the emulator enforces them). */
const CREATE_RATE = { scene: 20, subject: 20, gif: 50, portrait: 20, cover: 100 } as const;

export interface StackRun {
  readonly mix: "scene" | "mixed";
  readonly n: number;
  readonly jobLatencySeconds: number;
  readonly seconds: number;
  readonly engineOverheadSeconds: number;
  /** max(N / create-rate-limit, L) + the engine's overhead for N resources. */
  readonly floorSeconds: number;
  readonly ratioToFloor: number;
  /** Throttling errors the emulator answered (every one of them went to the provider). Target 0. */
  readonly throttlingErrors: number;
  /** Jobs the vendor created per resource. Target exactly 1. */
  readonly submissionsPerResource: number;
  readonly peakProviderRssMiB: number;
  readonly stateBytesPerResource: number;
}

interface Stats {
  totals: { requests: number; submissions: number; throttled: number };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const t0 = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - t0) / 1000 };
}

/** Bytes of the stack's checkpoint in the file backend. */
function stateBytes(t: TestStack): number {
  const stacks = path.join(t.stateDir, "backend", ".pulumi", "stacks");
  let total = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".json")) total += fs.statSync(p).size;
    }
  };
  walk(stacks);
  return total;
}

/**
 * Engine overhead: `up` of N no-op dynamic resources, same CLI, same parallelism. Also the dynamic-provider
 * process's peak RSS with no vendor work: the baseline of Pulumi's own provider host.
 */
export async function engineOverhead(n: number): Promise<{ seconds: number; peakProviderRssMiB: number }> {
  const t = await createTestStack({
    name: `bench-noop-${n}`,
    program: "dist/bench/programs/noop-stack.js",
    config: { "bench:n": String(n) },
    projectsDir: PROJECTS,
  });
  try {
    const { result, peakRssBytes } = await withProviderMemory(() => timed(() => t.stack.up({ parallel: n })));
    return { seconds: result.seconds, peakProviderRssMiB: round(peakRssBytes / 2 ** 20, 1) };
  } finally {
    await t.stack.destroy({ parallel: n }).catch(() => undefined);
    await t.cleanup();
  }
}

function floorOf(mix: "scene" | "mixed", n: number, latencySeconds: number): number {
  if (mix === "scene") return Math.max(n / CREATE_RATE.scene, latencySeconds);
  const perKind = n / 5; // the mixed stack cycles through the five kinds
  return Math.max(...Object.values(CREATE_RATE).map((rate) => perKind / rate), latencySeconds);
}

/** One stack of N jobs applied with `up --parallel N`. */
export async function stackRun(
  emu: EmulatorProcess,
  mix: "scene" | "mixed",
  n: number,
  latencySeconds: number,
  overheadSeconds: number,
): Promise<StackRun> {
  const t = await createAigcStack(`bench-${mix}-${n}`, emu, {
    program: "dist/harness/programs/job-stack.js",
    config: { "bench:n": String(n), "bench:mix": mix },
    projectsDir: PROJECTS,
  });
  try {
    const before = await emu.admin<Stats>("stats");
    const { result, peakRssBytes } = await withProviderMemory(() => timed(() => t.stack.up({ parallel: n })));
    const after = await emu.admin<Stats>("stats");
    const floor = floorOf(mix, n, latencySeconds) + overheadSeconds;
    return {
      mix,
      n,
      jobLatencySeconds: latencySeconds,
      seconds: round(result.seconds, 2),
      engineOverheadSeconds: round(overheadSeconds, 2),
      floorSeconds: round(floor, 2),
      ratioToFloor: round(result.seconds / floor, 2),
      throttlingErrors: after.totals.throttled - before.totals.throttled,
      submissionsPerResource: round((after.totals.submissions - before.totals.submissions) / n, 3),
      peakProviderRssMiB: round(peakRssBytes / 2 ** 20, 1),
      stateBytesPerResource: Math.round(stateBytes(t) / n),
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
  /** Vendor API requests the emulator received during the preview. Target 0. */
  readonly vendorCalls: number;
}

/** `pulumi preview` of N jobs (check and diff of every resource) against the same for N no-op resources. */
export async function previewCost(emu: EmulatorProcess, n: number): Promise<PreviewCost> {
  const noop = await createTestStack({
    name: `bench-noop-preview-${n}`,
    program: "dist/bench/programs/noop-stack.js",
    config: { "bench:n": String(n) },
    projectsDir: PROJECTS,
  });
  const jobs = await createAigcStack(`bench-preview-${n}`, emu, {
    program: "dist/harness/programs/job-stack.js",
    config: { "bench:n": String(n) },
    projectsDir: PROJECTS,
  });
  try {
    const noopSeconds = (await timed(() => noop.stack.preview({ parallel: n }))).seconds;
    const before = await emu.admin<Stats>("stats");
    const seconds = (await timed(() => jobs.stack.preview({ parallel: n }))).seconds;
    const after = await emu.admin<Stats>("stats");
    return {
      n,
      previewSeconds: round(seconds, 2),
      noopPreviewSeconds: round(noopSeconds, 2),
      ratio: round(seconds / noopSeconds, 2),
      vendorCalls: after.totals.requests - before.totals.requests,
    };
  } finally {
    await noop.cleanup();
    await jobs.cleanup();
  }
}

// Scale row "N items in one batch" (issue 21): a catalog of N scene jobs as one batch resource, applied with the
// plain `pulumi up`; then a preview with no change, a second `up` with no change, and an `up` that adds one item.
// Each step counts the vendor's requests and submissions: the no-change steps must submit nothing, the added item
// exactly one job.
import type { EmulatorProcess } from "../emulator-process";
import { catalogStack, type LedgerKind, type LoadSpan } from "./catalog-row";
import { checkpointBytes, machineLoad, round, timed, vendorDelta, vendorTotals } from "./measure";
import { vendorFloorSeconds } from "./vendor-floor";

/** One step of the row. */
export interface BatchStep {
  readonly step: "up" | "no-change preview" | "no-change up" | "one item added";
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly vendorRequests: number;
  readonly submissions: number;
  readonly throttlingErrors: number;
  /** The engine's summary of the step (e.g. `{ same: 1 }`). */
  readonly changes: Record<string, number>;
}

/** The row: the steps, the first `up` against the floor, and the checkpoint's size. */
export interface BatchEditsRow {
  readonly items: number;
  readonly ledger: LedgerKind;
  readonly jobLatencySeconds: number;
  readonly floorSeconds: number;
  readonly ratioToFloor: number;
  readonly steps: readonly BatchStep[];
  readonly stateBytesPerItem: number;
  readonly load: LoadSpan;
}

/** The four steps on a fresh stack of one batch resource of N items (its ledger at `ledgerUrl` when given). */
export async function batchEditsRow(
  emu: EmulatorProcess,
  n: number,
  jobLatencySeconds: number,
  ledgerUrl?: string,
): Promise<BatchEditsRow> {
  const t = await catalogStack(`scale-batch-edits-${n}`, emu, "batch", n, ledgerUrl);
  const before = machineLoad();
  const steps: BatchStep[] = [];
  const step = async (
    name: BatchStep["step"],
    work: () => Promise<{ summary?: { resourceChanges?: Record<string, number> }; changeSummary?: unknown }>,
  ) => {
    const v0 = await vendorTotals(emu);
    const r = await timed(work);
    const v = vendorDelta(v0, await vendorTotals(emu));
    const changes = (r.result.summary?.resourceChanges ?? r.result.changeSummary ?? {}) as Record<string, number>;
    steps.push({
      step: name,
      seconds: round(r.seconds),
      cpuSeconds: round(r.cpuSeconds),
      vendorRequests: v.requests,
      submissions: v.submissions,
      throttlingErrors: v.throttled,
      changes,
    });
  };
  try {
    await step("up", () => t.stack.up());
    await step("no-change preview", () => t.stack.preview());
    await step("no-change up", () => t.stack.up());
    await t.stack.setConfig("bench:n", { value: String(n + 1) });
    await step("one item added", () => t.stack.up());
    const floor = vendorFloorSeconds(n, jobLatencySeconds);
    return {
      items: n,
      ledger: ledgerUrl ? "postgres" : "file",
      jobLatencySeconds,
      floorSeconds: round(floor),
      ratioToFloor: round(steps[0]!.seconds / floor, 3),
      steps,
      stateBytesPerItem: Math.round(checkpointBytes(t) / (n + 1)),
      load: { before, after: machineLoad() },
    };
  } finally {
    await t.cleanup();
  }
}

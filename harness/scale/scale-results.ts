// The results of `npm run bench -- --scale` (bench/results/scale.json): each row keyed by what it measured, with
// the command that produced it and the machine's load, so a row re-run alone (`--only`) replaces only itself.
import type { BatchEditsRow } from "./batch-edits-row";
import type { CatalogRun } from "./catalog-row";
import type { MachineLoad } from "./measure";
import type { ParallelismRow } from "./parallelism-row";
import type { PluginRow } from "./plugin-row";
import type { SharedAccountRow } from "./shared-account-row";

/** One measured row, tagged by what it is. */
export type ScaleRow =
  | { readonly row: "catalog"; readonly data: CatalogRun }
  | { readonly row: "parallelism"; readonly data: ParallelismRow }
  | { readonly row: "shared-account"; readonly data: SharedAccountRow }
  | { readonly row: "batch-edits"; readonly data: BatchEditsRow }
  | { readonly row: "plugin"; readonly data: PluginRow }
  | { readonly row: "failure"; readonly data: RowFailure };

/** A row that did not complete: what it was, how it failed, after how long, at what load. */
export interface RowFailure {
  readonly id: string;
  readonly what: string;
  /** The first error line of the failure (vendor codes and messages, no credentials). */
  readonly error: string;
  readonly seconds: number;
  readonly load: { readonly before: MachineLoad; readonly after: MachineLoad };
}

/** A row as stored: what it measured, when, on which commit, and the command that reproduces it. */
export type ScaleEntry = ScaleRow & {
  readonly measuredAt: string;
  readonly commit: string;
  readonly command: string;
};

/** bench/results/scale.json. */
export interface ScaleResults {
  readonly floor: string;
  readonly machine: { readonly cpus: number; readonly cpuModel?: string | undefined; readonly node: string };
  /** Keyed by row id (`catalog per-job 1000`, `parallelism`, …), in the order they were first measured. */
  readonly rows: Record<string, ScaleEntry>;
}

/** Adds or replaces rows, keeping the others (a partial run updates only what it measured). */
export function mergeRows(old: ScaleResults | undefined, next: ScaleResults): ScaleResults {
  return { ...next, rows: { ...(old?.rows ?? {}), ...next.rows } };
}

/** The load span as one short text: 1-minute load average before → after, on so many CPUs. */
export function loadText(load: { before: MachineLoad; after: MachineLoad }): string {
  return `${load.before.loadAverage[0]} → ${load.after.loadAverage[0]} (${load.before.cpus} CPUs)`;
}

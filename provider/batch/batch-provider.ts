// The dynamic provider of a kind's batch resources: the runtime's `provider(ref)` hands a batch reference
// (`{ batch: <kind name> }`: ./batch-surface.ts) here. Like the kinds' provider (../runtime/index.ts), each
// operation loads only what it needs: check loads the kind's declaration, diff nothing more, and create, update,
// read and delete the lifecycle.
import type * as pulumi from "@pulumi/pulumi";
import type { AnyJobKind } from "../job-kind";
import { pipelineGate } from "../runtime/ledger/pipeline-rule";
import { progressLogger } from "../runtime/progress-log";
import { setting } from "../runtime/provider-config";
import { spendGuard } from "../runtime/spend-guard";
import type { Props } from "./batch-items";
import { type BatchRef, batchName } from "./batch-surface";

const lifecycle = (): typeof import("./batch-lifecycle") => require("./batch-lifecycle");

/** Counts `n` planned submissions in the spend guard, logging its warning once the plan goes beyond the cap. */
function planSubmissions(n: number, log: (line: string) => void): void {
  for (let i = 0; i < n; i++) {
    const w = spendGuard.plan();
    if (w) log(w);
  }
}

/** `check`: every item validated as its kind's resource (named `items["key"].property`); new items planned. */
async function checkBatchInputs(kind: AnyJobKind, olds: Props, news: Props) {
  pipelineGate.check({ ledger: setting("ledger"), journalDir: setting("journalDir") }, (m) =>
    process.stderr.write(`[pulumi-aigc] ${m}\n`),
  );
  const { checkBatch, newSubmissions } = require("./batch-check") as typeof import("./batch-check");
  const { failures, warnings } = checkBatch(kind, news, olds);
  const log = progressLogger(batchName(kind.name), news);
  for (const w of warnings) log(`WARNING ${w}`);
  if (failures.length === 0) planSubmissions(newSubmissions(kind, olds, news), log);
  return { inputs: news, failures };
}

/** `diff`: item-level changes in one line; the batch is updated in place, never replaced. */
async function diffBatchInputs(kind: AnyJobKind, olds: Props, news: Props) {
  const { diffBatch, planSummary } = require("./batch-diff") as typeof import("./batch-diff");
  const d = diffBatch(kind, olds, news);
  if (d.changes) {
    const log = progressLogger(batchName(kind.name), news);
    log(planSummary(d.plan));
    const check = require("./batch-check") as typeof import("./batch-check");
    if (d.plan) planSubmissions(check.planSubmissions(kind, olds, news, d.plan), log);
  }
  return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
}

/** Runs a vendor-facing operation with the same fix hints as a kind's resource (../runtime/fix-hints.ts). */
function hinted<T>(kind: AnyJobKind, inputs: Props, run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    throw (require("../runtime/fix-hints") as typeof import("../runtime/fix-hints")).withFixHint(
      err,
      kind.name,
      inputs,
    );
  });
}

/**
 * The provider of the batch resources of the kind `ref` names. `kindOf` resolves the kind as for its own
 * resources (built-in, or from the module a kind declared elsewhere exports it from).
 */
export function batchProvider(
  ref: BatchRef,
  kindOf: (ref: string | { kind: string; module: string }) => AnyJobKind,
  configure: (config: { get(key: string): string | undefined }) => void,
): pulumi.dynamic.ResourceProvider {
  const kind = () => kindOf(ref.module ? { kind: ref.batch, module: ref.module } : ref.batch);
  return {
    async configure(req) {
      configure(req.config);
    },
    check: (olds, news) => checkBatchInputs(kind(), olds, news),
    diff: (_id, olds, news) => diffBatchInputs(kind(), olds, news),
    create: (inputs) => hinted(kind(), inputs, () => lifecycle().createBatch(kind(), inputs)),
    read: (id, props) => hinted(kind(), props, () => lifecycle().readBatch(kind(), id, props)),
    update: (id, olds, news) => hinted(kind(), news, () => lifecycle().updateBatch(kind(), id, olds, news)),
    delete: (id, props) => hinted(kind(), props, () => lifecycle().deleteBatch(kind(), id, props)),
  };
}

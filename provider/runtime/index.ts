// The provider's runtime: loaded with require("pulumi-aigc/provider-runtime") inside the dynamic-provider
// process. A resource's `__provider` text asks it for the provider of its kind (`provider(ref)`); resources written
// by pulumi-aigc 0.1 hold a serialized provider whose methods call the functions below by the name of their kind,
// and refresh and destroy run that stored code, so those functions and their signatures stay.
//
// Each operation loads only what it needs, at call time: `diff` of a resource written by this version loads no
// kind at all, `check` loads its own kind's declaration and the request schema (never the sdk's clients and
// transport, the ledger or the other kinds), and only create, update, read and delete load the job lifecycle.
import type * as pulumi from "@pulumi/pulumi";
import { type BatchRef, isBatchRef } from "../batch/batch-surface";
import { type AnyJobKind, adoptedJobIdOf } from "../job-kind";
import { builtinKind } from "../kinds";
import { dynamicScopeRefusal } from "./deployment-scopes";
import { noteCap } from "./deployment-spend";
import type { JobDiff } from "./diff";
import { attachToEngine } from "./engine-channel";
import { startEngineWatchdog } from "./engine-watchdog";
import { pipelineGate } from "./ledger/pipeline-rule";
import { placementChangeWarning } from "./placement";
import { progressLogger } from "./progress-log";
import { configureFrom, setting } from "./provider-config";
import { runCancellation } from "./run-cancellation";
import { spendGuard } from "./spend-guard";
import { hasStoredInputs } from "./stored-inputs";

startEngineWatchdog();
attachToEngine(() => runCancellation.cancel());

type Props = Record<string, unknown>;
/** How a serialized provider names its kind: a built-in name, or a name and the module that declares it. */
export type KindRef = string | { readonly kind: string; readonly module: string };

const declared = new Map<string, AnyJobKind>();

/** The declaration a provider object refers to. */
export function kindOf(ref: KindRef): AnyJobKind {
  const name = typeof ref === "string" ? ref : ref.kind;
  const known = declared.get(name) ?? builtinKind(name);
  if (known) return known;
  if (typeof ref !== "string") {
    const exports = require(ref.module) as Record<string, unknown>;
    const found = Object.values(exports).find((v) => (v as AnyJobKind | undefined)?.name === name) as
      | AnyJobKind
      | undefined;
    if (found) {
      declared.set(name, found);
      return found;
    }
    throw new Error(`pulumi-aigc: ${ref.module} does not export the declaration of resource kind ${name}`);
  }
  throw new Error(
    `pulumi-aigc: unknown resource kind ${name} ` +
      "(is the installed pulumi-aigc older than the one that created this resource?)",
  );
}

const lifecycle = (): typeof import("./job-lifecycle") => require("./job-lifecycle");
const diffs = (): typeof import("./diff") => require("./diff");

/** `configure`: stack config (credentials, regions, endpoints, ledger) into this process's memory only. */
export function configure(config: { get(key: string): string | undefined }): void {
  configureFrom(config);
  noteCap(); // the update's other provider processes are bound by this one's cap too (./deployment-spend.ts)
}

/** `check`: validates inputs (preview included); prints warnings; counts planned submissions for the guard. */
export async function check(
  ref: KindRef,
  olds: Props,
  news: Props,
): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }> {
  const kind = kindOf(ref);
  // Before anything else, in preview and up: a pipeline on a ledger only this machine sees stops here.
  pipelineGate.check({ ledger: setting("ledger"), journalDir: setting("journalDir") }, (m) =>
    process.stderr.write(`[pulumi-aigc] ${m}\n`),
  );
  const { checkInputs } = require("./check") as typeof import("./check");
  const { failures, warnings } = checkInputs(kind, news);
  const log = progressLogger(kind.name, news);
  for (const w of warnings) log(`WARNING ${w}`);
  const { onceWarnings } = require("./preview-warnings") as typeof import("./preview-warnings");
  for (const w of onceWarnings(kind.name)) process.stderr.write(`[pulumi-aigc] WARNING ${w}\n`);
  // A resource without olds is a create: a new paid job unless it adopts one.
  if (Object.keys(olds).length === 0 && failures.length === 0 && adoptedJobIdOf(kind, news) === undefined) {
    const w = spendGuard.plan();
    if (w) log(w);
  }
  return { inputs: news, failures };
}

/**
 * `diff`: replacements for changed vendor fields, in-place updates for wait settings and placement (with a warning:
 * the job stays where it is).
 */
export async function diff(ref: KindRef, id: string, olds: Props, news: Props): Promise<JobDiff> {
  // Outputs with stored inputs need no declaration; those of pulumi-aigc 0.1 need the kind's input names.
  let d = hasStoredInputs(olds) ? diffs().diffStored(olds, news) : diffs().diffJob(kindOf(ref), olds, news);
  // An adopting resource keeps its job: its vendor fields only describe it (./adopted-diff.ts).
  if (d.replaces.length > 0)
    d = (require("./adopted-diff") as typeof import("./adopted-diff")).keepAdoptedJob(kindOf(ref), id, news, d);
  // An in-place move (endpoint, region) leaves the job where it is: say so at preview (./placement.ts).
  const name = typeof ref === "string" ? ref : ref.kind;
  const moved = d.changes && d.replaces.length === 0 ? placementChangeWarning(id, olds, news, name) : undefined;
  if (moved) progressLogger(name, news)(moved);
  // An imported resource diffed is in a stack's state: its adoption holds from now on (./import-hold.ts).
  if (typeof olds.idempotencyKey === "string" && adoptedJobIdOf(kindOf(ref), olds) !== undefined) {
    const { confirmImportHold } = require("./import-hold") as typeof import("./import-hold");
    await confirmImportHold(olds.idempotencyKey, progressLogger(name, news));
  }
  if (d.replaces.length > 0) {
    const kind = kindOf(ref);
    if (adoptedJobIdOf(kind, news) === undefined) {
      const w = spendGuard.plan();
      if (w) progressLogger(kind.name, news)(w);
    }
  }
  return d;
}

/** Runs a vendor-facing operation; its error names the fix (config keys, endpoint) where the provider knows it. */
function hinted<T>(ref: KindRef, inputs: Props, run: (kind: AnyJobKind) => Promise<T>): Promise<T> {
  const kind = kindOf(ref);
  return run(kind).catch((err: unknown) => {
    throw (require("./fix-hints") as typeof import("./fix-hints")).withFixHint(err, kind.name, inputs);
  });
}

export const create = (ref: KindRef, inputs: Props) => hinted(ref, inputs, (k) => lifecycle().createJob(k, inputs));
export const update = (ref: KindRef, id: string, olds: Props, news: Props) =>
  hinted(ref, news, (k) => lifecycle().updateJob(k, id, olds, news));
export const read = (ref: KindRef, id: string, props: Props) =>
  hinted(ref, props, (k) => lifecycle().readJob(k, id, props));
export const remove = (ref: KindRef, id: string, props: Props) =>
  hinted(ref, props, (k) => lifecycle().deleteJob(k, id, props));

/**
 * The dynamic provider of a kind's resources, as the dynamic-provider host uses it: their `__provider` text
 * (../dynamic-provider.ts) exports a handler that returns it. The host keeps one per distinct text, so one per kind.
 */
export function provider(ref: KindRef | BatchRef): pulumi.dynamic.ResourceProvider {
  // A batch of a kind's jobs (../batch/): one resource, N items, each through this kind's lifecycle.
  if (isBatchRef(ref)) {
    const { batchProvider } = require("../batch/batch-provider") as typeof import("../batch/batch-provider");
    return batchProvider(ref, kindOf, configure);
  }
  return {
    async configure(req) {
      configure(req.config);
    },
    async check(olds, news) {
      // The same scope declared by a plugin resource, or another provider process, of this deployment.
      const refused = dynamicScopeRefusal(kindOf(ref).name, news);
      return refused ? { inputs: news, failures: [refused] } : check(ref, olds, news);
    },
    diff: (id, olds, news) => diff(ref, id, olds, news),
    create: (inputs) => create(ref, inputs),
    read: (id, props) => read(ref, id, props),
    update: (id, olds, news) => update(ref, id, olds, news),
    delete: (id, props) => remove(ref, id, props),
  };
}

// The provider's runtime: loaded with require("pulumi-aigc/provider-runtime") inside the dynamic-provider
// process, at call time. The serialized provider objects hold nothing but the name of their kind.
import type { AnyJobKind } from "../job-kind";
import { BUILTIN_KINDS } from "../kinds";
import { checkInputs } from "./check";
import { diffJob, type JobDiff } from "./diff";
import { startEngineWatchdog } from "./engine-watchdog";
import { createJob, deleteJob, readJob, updateJob } from "./job-lifecycle";
import { progressLogger } from "./progress-log";
import { configureFrom } from "./provider-config";
import { spendGuard } from "./spend-guard";

startEngineWatchdog();

type Props = Record<string, unknown>;
/** How a serialized provider names its kind: a built-in name, or a name and the module that declares it. */
export type KindRef = string | { readonly kind: string; readonly module: string };

const registry = new Map<string, AnyJobKind>(BUILTIN_KINDS.map((k) => [k.name, k]));

/** The declaration a provider object refers to. */
export function kindOf(ref: KindRef): AnyJobKind {
  const name = typeof ref === "string" ? ref : ref.kind;
  const known = registry.get(name);
  if (known) return known;
  if (typeof ref !== "string") {
    const exports = require(ref.module) as Record<string, unknown>;
    const found = Object.values(exports).find((v) => (v as AnyJobKind | undefined)?.name === name) as
      | AnyJobKind
      | undefined;
    if (found) {
      registry.set(name, found);
      return found;
    }
    throw new Error(`pulumi-aigc: ${ref.module} does not export the declaration of resource kind ${name}`);
  }
  throw new Error(
    `pulumi-aigc: unknown resource kind ${name} ` +
      "(is the installed pulumi-aigc older than the one that created this resource?)",
  );
}

/** `configure`: stack config (credentials, regions, endpoints, ledger) into this process's memory only. */
export function configure(config: { get(key: string): string | undefined }): void {
  configureFrom(config);
}

/** `check`: validates inputs (preview included); prints warnings; counts planned submissions for the guard. */
export async function check(
  ref: KindRef,
  olds: Props,
  news: Props,
): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }> {
  const kind = kindOf(ref);
  const { failures, warnings } = checkInputs(kind, news);
  const log = progressLogger(kind.name, news);
  for (const w of warnings) log(`WARNING ${w}`);
  // A resource without olds is a create: a new paid job unless it adopts one.
  if (Object.keys(olds).length === 0 && failures.length === 0 && kind.adoptedJobId(news) === undefined) {
    const w = spendGuard.plan();
    if (w) log(w);
  }
  return { inputs: news, failures };
}

/** `diff`: replacements for changed vendor fields, in-place updates for wait settings and placement. */
export async function diff(ref: KindRef, _id: string, olds: Props, news: Props): Promise<JobDiff> {
  const kind = kindOf(ref);
  const d = diffJob(kind, olds, news);
  if (d.replaces.length > 0 && kind.adoptedJobId(news) === undefined) {
    const w = spendGuard.plan();
    if (w) progressLogger(kind.name, news)(w);
  }
  return d;
}

export const create = (ref: KindRef, inputs: Props) => createJob(kindOf(ref), inputs);
export const update = (ref: KindRef, id: string, olds: Props, news: Props) => updateJob(kindOf(ref), id, olds, news);
export const read = (ref: KindRef, id: string, props: Props) => readJob(kindOf(ref), id, props);
export const remove = (ref: KindRef, id: string, props: Props) => deleteJob(kindOf(ref), id, props);

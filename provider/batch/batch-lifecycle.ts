// The lifecycle of a batch resource: create, update, read and delete of the whole batch as each item's own
// lifecycle (./batch-items-ops.ts), the items worked on concurrently (./batch-pool.ts) and their outcomes kept
// per item (./batch-outcome.ts). An item whose job did not finish never fails the others: the batch ends with a
// partial state holding every item's job id, and the next `up` resumes only what is unfinished.
import type { AnyJobKind } from "../job-kind";
import { withoutProvider } from "../runtime/lifecycle/stored-state";
import { progressLogger } from "../runtime/progress-log";
import { inputDigest } from "../runtime/stored-inputs";
import { assertItemKeys } from "./batch-check";
import { noteItemsInState, planItems } from "./batch-diff";
import { hasJob, itemsOf, type Props } from "./batch-items";
import { createItem, type ItemWork, releaseItem, replaceItem, resumeItem } from "./batch-items-ops";
import { batchLedgerView, lostJobOutcome } from "./batch-ledger-view";
import { batchOutputs, endOf, type ItemOutcome, partialBatchError, releasingOf } from "./batch-outcome";
import { BatchProgress, forEachBounded } from "./batch-pool";
import { holdOf, holdsOf, previousOf, withoutPrevious, withPrevious } from "./batch-previous";
import { readItem } from "./batch-refresh";
import { batchName } from "./batch-surface";

/** The batch's id: stable for its scope (a create that is resumed after a crash gets the same one). */
export function batchId(inputs: Props): string {
  return `set-${inputDigest(inputs.idempotencyScope ?? "")}`;
}

/** One unit of work: an item's operation, counted in the batch's progress when `counted`. */
interface Work {
  readonly counted: boolean;
  run(): Promise<ItemWork & { releasing?: Props }>;
}

/** An old job to release once every item has its record: the item it was `key`'s, and its record. */
interface Release {
  readonly key: string;
  readonly record: Props;
}

/**
 * Runs the works, then the releases (after: a job an item took back in this run through the same intent, e.g. a
 * re-added item resuming its old job, is never released; one an item adopted is released as an intent, which
 * leaves the job to its adopter), then stores what became of every item: the outputs, or
 * the partial-state error when any item did not finish (its id kept). `releasing` keeps old jobs whose release
 * failed.
 */
async function settleBatch(
  kind: AnyJobKind,
  id: string,
  rawNews: Props,
  works: Work[],
  releases: { from: Props; jobs: Release[] } = { from: {}, jobs: [] },
): Promise<{ outs: Props }> {
  const news = withoutProvider(rawNews);
  const log = progressLogger(batchName(kind.name), news);
  const progress = new BatchProgress(log, works.filter((w) => w.counted).length);
  const records: Record<string, Props> = {};
  const releasing: Record<string, Props> = {};
  const problems: ItemOutcome[] = [];
  const later: Release[] = [...releases.jobs];
  const keep = (o: ItemWork & { releasing?: Props }) => {
    if (o.releasing) releasing[`${o.key}#${o.releasing[kind.idOutput]}`] = o.releasing;
    if (o.problem) problems.push(o);
  };
  await forEachBounded(works, async (w) => {
    const o = await w.run();
    if (o.record) records[o.key] = o.record;
    for (const record of o.release ?? []) later.push({ key: o.key, record });
    keep(o);
    if (w.counted) progress.note(endOf(o.record));
  });
  const held = new Set(Object.values(records).flatMap((r) => holdsOf(kind, r)));
  const toRelease = later.filter((r) => !held.has(holdOf(kind, r.record)));
  await forEachBounded(toRelease, async (r) => keep(await releaseWork(kind, releases.from, r.key, r.record)));
  const outs = batchOutputs(news, records, releasing);
  log(`${progress.line()}`);
  if (problems.length > 0) throw partialBatchError(kind, id, outs, rawNews, problems);
  return { outs };
}

/** Create: one job per item, each exactly once through its own intent (`<batch scope>/<itemKey>`). */
export async function createBatch(kind: AnyJobKind, rawInputs: Props): Promise<{ id: string; outs: Props }> {
  const news = withoutProvider(rawInputs);
  assertItemKeys(kind, news);
  const id = batchId(news);
  const works = Object.entries(itemsOf(news)).map(([key, args]) => ({
    counted: true,
    run: () => createItem(kind, news, key, args),
  }));
  const { outs } = await settleBatch(kind, id, rawInputs, works);
  return { id, outs };
}

/** The releases of an item's jobs: its own and the old one it kept (`__previous`). */
function jobsOfItem(key: string, record: Props): Release[] {
  const previous = previousOf(record);
  const own = { key, record: withoutPrevious(record) };
  return previous ? [own, { key, record: previous }] : [own];
}

/** The key of an item from a `__releasing` entry (`<itemKey>#<jobId>`). */
const releasingItemKey = (entry: string) => entry.slice(0, entry.lastIndexOf("#"));

/**
 * Update: added items get a job, changed items a new job (their old one released after), removed items are
 * released, unchanged items cost nothing (unfinished ones are waited for again), and old jobs whose release failed
 * before are released now. One ledger listing first finds what a killed, never-stored update left
 * (./batch-ledger-view.ts): its open jobs no record names are released, its released jobs reported.
 */
export async function updateBatch(
  kind: AnyJobKind,
  id: string,
  rawOlds: Props,
  rawNews: Props,
): Promise<{ outs: Props }> {
  const olds = withoutProvider(rawOlds);
  const news = withoutProvider(rawNews);
  noteItemsInState(olds);
  assertItemKeys(kind, news, olds);
  const plan = planItems(kind, olds, news);
  if (!plan) throw new Error(`${batchName(kind.name)}: the items are not known at update`);
  const old = itemsOf(olds);
  const args = itemsOf(news);
  const ledger = await batchLedgerView(kind, olds);
  const resume = (key: string) => {
    const lost = ledger.lost.get(key);
    return lost ? Promise.resolve(lostJobOutcome(key, lost)) : resumeItem(kind, olds, news, key, old[key]!);
  };
  const works: Work[] = [
    ...plan.added.map((key) => ({ counted: true, run: () => createItem(kind, news, key, args[key] ?? {}) })),
    ...plan.replaced.map((key) => ({ counted: true, run: () => replaceItem(kind, olds, news, key, old[key]!) })),
    ...plan.unchanged.map((key) => ({ counted: true, run: () => resume(key) })),
  ];
  const releases: Release[] = [
    ...plan.removed.flatMap((key) => jobsOfItem(key, old[key]!)),
    ...Object.entries(releasingOf(olds)).map(([entry, record]) => ({ key: releasingItemKey(entry), record })),
    ...ledger.strays,
  ];
  return settleBatch(kind, id, rawNews, works, { from: olds, jobs: releases });
}

/** A release as a unit of work: no record afterwards, or the job kept as `releasing` when it failed. */
async function releaseWork(kind: AnyJobKind, olds: Props, key: string, record: Props) {
  const problem = await releaseItem(kind, olds, key, record);
  return problem ? { key, problem, releasing: record } : { key };
}

/**
 * Refresh: each item's job re-read (`readJob`); an item whose job is provably gone leaves the batch, one the vendor
 * no longer returns keeps its last known record. Items without a job are kept as they are.
 * @throws Error naming the items that could not be read (the state is left as it was).
 */
export async function readBatch(kind: AnyJobKind, id: string, rawProps: Props): Promise<{ id: string; props: Props }> {
  const props = withoutProvider(rawProps);
  noteItemsInState(props);
  const records: Record<string, Props> = {};
  const problems: string[] = [];
  await forEachBounded(Object.entries(itemsOf(props)), async ([key, rec]) => {
    if (!hasJob(kind, rec)) {
      records[key] = rec;
      return;
    }
    const previous = previousOf(rec);
    const r = await readItem(kind, props, key, withoutPrevious(rec));
    // The old job a replacement kept stays until the new one succeeds (an update releases it); if the new job is
    // gone, the old one is the item's job again.
    if (r.record) records[key] = withPrevious(r.record, previous);
    else if (previous) records[key] = previous;
    if (r.problem) problems.push(r.problem);
  });
  if (problems.length > 0) {
    throw new Error(
      `${batchName(kind.name)}: ${problems.length} item(s) could not be refreshed: ${problems.slice(0, 5).join("; ")}`,
    );
  }
  return { id, props: { ...batchOutputs(props, records, releasingOf(props)), __provider: rawProps.__provider } };
}

/**
 * Destroy: each item's job released as its kind's delete does, and the old jobs still releasing.
 * @throws Error naming each item that could not be released (the batch stays in the stack: destroy again).
 */
export async function deleteBatch(kind: AnyJobKind, _id: string, rawProps: Props): Promise<void> {
  const props = withoutProvider(rawProps);
  noteItemsInState(props);
  const all: Array<[string, Props]> = [
    ...Object.entries(itemsOf(props)).flatMap(([key, rec]) =>
      jobsOfItem(key, rec).map((r) => [key, r.record] as [string, Props]),
    ),
    ...Object.entries(releasingOf(props)).map(([e, r]) => [releasingItemKey(e), r] as [string, Props]),
  ];
  const problems: string[] = [];
  await forEachBounded(all, async ([key, rec]) => {
    const problem = await releaseItem(kind, props, key, rec);
    if (problem) problems.push(`items[${JSON.stringify(key)}]: ${problem}`);
  });
  if (problems.length > 0) {
    throw new Error(
      `${batchName(kind.name)}: ${problems.length} item(s) could not be released; the batch stays in the stack ` +
        `(run \`pulumi destroy\` again): ${problems.slice(0, 5).join("; ")}`,
    );
  }
}

// The exactly-once lifecycle of a job resource, its four entry points: create (claim → submit → record → wait),
// update (resume or nothing), read (refresh, keeping what cannot be proved gone) and delete (clean up, then
// release the intent). The parts are in ./lifecycle/: submission.ts obtains the job, settle.ts waits for it and
// records its end, stored-state.ts decodes what stored outputs say about it.
import { NotFoundError } from "../../sdk/core/errors";
import { type AnyJobKind, adoptedJobIdOf, type JobContext } from "../job-kind";
import { describeHolder, type Holder } from "../resource-holder";
import { recordHeldIds, sharedIds } from "./held-ids";
import { confirmImportHold } from "./import-hold";
import { noteInState, noteKeyInState, RESUMED_BY_ANOTHER, resumedInRun } from "./in-state";
import { heldByAnother, holderOfProps, takeHold } from "./intent-holder";
import type { Ledger } from "./ledger/ledger";
import { processLedger } from "./ledger/process-ledger";
import { repairHeldClaim } from "./ledger/repair-claim";
import { contextFor, scopeOf } from "./lifecycle/job-context";
import { outputsOf } from "./lifecycle/job-outputs";
import { failedError, idSavedError, ResourceInitError, withProvider } from "./lifecycle/resource-init-error";
import { settle } from "./lifecycle/settle";
import { type Props, storedStateFields, storedStateOf, withoutProvider } from "./lifecycle/stored-state";
import { adopt, claimIntent, type Obtained, openIntents, Submission, UnrecordedJobError } from "./lifecycle/submission";
import { settleOrphansAtCreate, settleOrphansAtDelete } from "./orphans";
import { jobPlacement, placementAtCreate, placementRecord } from "./placement";
import { redactUrlQueries } from "./redaction";
import { requestFor } from "./request";
import { noteReturned } from "./returned-jobs";
import { outputValuesOf, storedContextInputs, storedInputsOf, storeKindInputs } from "./stored-inputs";

export { ResourceInitError } from "./lifecycle/resource-init-error";
export { type AmbiguityPolicy, ambiguityPolicy, DEFAULT_WAIT_TIMEOUT_SECONDS } from "./lifecycle/settings";

/** Create: find or submit the job of this resource, exactly once, then wait for it. */
export async function createJob(kind: AnyJobKind, rawInputs: Props): Promise<{ id: string; outs: Props }> {
  const inputs = withoutProvider(rawInputs);
  const adopted = adoptedJobIdOf(kind, inputs);
  const { ctx, got } = adopted ? await adopt(kind, inputs, adopted) : await submitOnce(kind, rawInputs, inputs);
  try {
    const outs = await settle(kind, ctx, got);
    await noteReturned(got.key, ctx.log);
    return { id: got.jobId, outs };
  } catch (err) {
    await noteReturned(got.key, ctx.log); // every path below hands the id to the engine (a partial state)
    if (err instanceof ResourceInitError) throw withProvider(err, rawInputs);
    // Any other failure after the job exists must still record its id.
    const message =
      `${kind.name} ${got.jobId}: ${redactUrlQueries((err as Error).message)}; ` +
      "its id is saved: run `pulumi up` again to resume";
    throw idSavedError(kind, rawInputs, inputs, got, message, ctx.placement);
  }
}

/** Claims this resource's intent and obtains its job (resumed, recovered or submitted once); then its orphans. */
async function submitOnce(
  kind: AnyJobKind,
  rawInputs: Props,
  inputs: Props,
): Promise<{ ctx: JobContext; got: Obtained }> {
  const request = requestFor(kind, inputs);
  const ledger = await processLedger();
  const claimed = await claimIntent(kind, ledger, inputs, request);
  const ctx = contextFor(kind, inputs, claimed.key, placementAtCreate(kind.name, inputs, claimed));
  const intent = await takeHold(ledger, kind.name, claimed, holderOfProps(inputs), ctx.log);
  noteKeyInState(intent.key, intent);
  let got: Obtained;
  try {
    got = await new Submission(kind, ledger, ctx, request, intent).obtain();
  } catch (err) {
    if (!(err instanceof UnrecordedJobError)) throw err;
    throw idSavedError(kind, rawInputs, inputs, err, `${kind.name}: ${err.message}`, ctx.placement);
  }
  const log = ctx.log;
  await settleOrphans(kind, ledger, inputs, got.key, log).catch((e) =>
    log(`WARNING could not look for jobs of earlier crashed runs (${(e as Error).message}); continuing`),
  );
  return { ctx, got };
}

/** Cleans up (or reports) jobs this resource submitted in runs that crashed (./orphans.ts). */
async function settleOrphans(kind: AnyJobKind, ledger: Ledger, inputs: Props, key: string, log: (l: string) => void) {
  const holder = holderOfProps(inputs);
  if (!holder) return;
  await settleOrphansAtCreate(
    orphanScope(kind, ledger, holder, key, log),
    await openIntents(ledger, scopeOf(inputs)),
    inputs,
  );
}

/** What orphan handling needs from this lifecycle (./orphans.ts), for the resource `holder` holding `key`. */
function orphanScope(kind: AnyJobKind, ledger: Ledger, holder: Holder, key: string, log: (l: string) => void) {
  return { kind, ledger, holder, ownKey: key, contextFor: (i: Props, k: string) => contextFor(kind, i, k), log };
}

/**
 * Update: only in-place inputs changed (wait settings, placement, scope), or an earlier run left the resource
 * unfinished. A job that has ended needs no vendor call at all; an unfinished one is waited for again.
 */
export async function updateJob(
  kind: AnyJobKind,
  id: string,
  rawOlds: Props,
  rawNews: Props,
): Promise<{ outs: Props }> {
  const olds = withoutProvider(rawOlds);
  const news = withoutProvider(rawNews);
  noteInState(olds);
  const { key, ambiguous, ended } = storedStateOf(olds);
  // The job stays where it was submitted: new placement inputs apply to future jobs (./placement.ts).
  const placed = placementRecord(olds, news);
  const ctx = contextFor(kind, news, key, jobPlacement(olds));
  await repairHeldClaim(key, id, ctx.log);
  if (ended) {
    const outs = {
      ...outputValuesOf(kind, olds),
      ...storeKindInputs(kind, news),
      ...placed,
      ...storedStateFields({ key, ambiguous }),
    };
    if (olds.errorCode) throw withProvider(failedError(kind, id, outs), rawNews);
    return { outs };
  }
  try {
    return { outs: { ...(await settle(kind, ctx, { jobId: id, key, ambiguous }, 0)), ...placed } };
  } catch (err) {
    if (!(err instanceof ResourceInitError)) throw err;
    throw withProvider(err, rawNews, placed);
  }
}

/** Refresh: re-reads the job. A job the vendor no longer returns is reported, and dropped only if truly gone. */
export async function readJob(kind: AnyJobKind, id: string, rawProps: Props): Promise<{ id?: string; props?: Props }> {
  const props = withoutProvider(rawProps);
  noteInState(props);
  const { key, ambiguous } = storedStateOf(props);
  const ctx = contextFor(kind, storedContextInputs(kind, props), key);
  // Outputs of pulumi-aigc 0.1 (which echo every input) are rewritten with stored inputs here.
  const stored = storedInputsOf(kind, props);
  await repairHeldClaim(key, id, ctx.log);
  if (adoptedJobIdOf(kind, props) !== undefined) await confirmImportHold(key, ctx.log); // in a state: it holds
  try {
    const view = await (kind.refresh ? kind.refresh(ctx, id, props) : kind.observe(ctx, id));
    const outs = outputsOf(kind, stored, view, key, ambiguous);
    if (view.heldIds?.length && key) await recordHeldIds(key, view.heldIds);
    return { id, props: { ...outs, __provider: rawProps.__provider } };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    if (kind.goneWhenMissing) {
      ctx.log(`${id} no longer exists at the vendor; removing it from the stack (${err.code})`);
      const ledger = await processLedger();
      // Another resource holds the intent now (a rename in flight): it is that resource's to release.
      if (key && !heldByAnother(await ledger.get(key), props)) await ledger.release(key);
      return {};
    }
    ctx.log(
      `${id} is no longer returned by the vendor (${err.code}: ${redactUrlQueries(err.vendorMessage)}); ` +
        "keeping its last known outputs. Vendors keep finished jobs visible for a limited time (Tencent: 3 days).",
    );
    return {
      id,
      props: { ...outputValuesOf(kind, props), ...stored, vendorState: "NOT_FOUND", __provider: rawProps.__provider },
    };
  }
}

/**
 * Destroy: cleans up at the vendor where there is something to clean (elements, running jobs), leaving alone
 * what another live resource of the ledger holds, then releases the intent (the scope's next job gets a new
 * key). A failure to clean up fails the destroy: nothing live is dropped silently.
 */
export async function deleteJob(kind: AnyJobKind, id: string, rawProps: Props): Promise<void> {
  const props = withoutProvider(rawProps);
  const { key } = storedStateOf(props);
  const ctx = contextFor(kind, storedContextInputs(kind, props), key);
  const ledger = await processLedger();
  const own = key ? await ledger.get(key) : undefined;
  if (resumedInRun(key)) return ctx.log(`job ${id} (intent ${key}) ${RESUMED_BY_ANOTHER}`);
  const other = heldByAnother(own, props);
  if (other) {
    ctx.log(
      `job ${id} (intent ${key}) is held by ${describeHolder(other)} now; leaving it and its vendor objects alone`,
    );
    return;
  }
  if (kind.remove) {
    const ids = [id, ...(own?.heldIds ?? []), ...(typeof props.elementId === "string" ? [props.elementId] : [])];
    await kind.remove(ctx, id, props, await sharedIds(ledger, key, id, ids));
  }
  const holder = holderOfProps(props);
  if (holder) {
    await settleOrphansAtDelete(orphanScope(kind, ledger, holder, key, ctx.log), storedContextInputs(kind, props));
  }
  if (key) await ledger.release(key);
}

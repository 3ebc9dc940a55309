// When an import's adoption holds its job (review of issue 20, hole 2). The engine calls Read for `pulumi import`
// in its preview too (pulumi/pulumi pkg/resource/deploy/step.go `ImportStep.Apply`; ReadRequest carries no preview
// flag), and the import records its adoption in the ledger there (./import-job.ts). A preview-only import, or one
// declined at its prompt, stores nothing: its adoption must hold nothing, or the job's own resource's destroy
// leaves a running job and its vendor objects alone forever ("held by another resource").
//
// So an import's adoption is written pending (`returned: false`, as a create's intent is until it hands its job
// to the engine) and holds nothing while pending (./held-ids.ts). It starts holding when the import is seen to
// be stored: a second Read of the same import in the same deployment (`pulumi import` reads in its preview, then
// again in its update: ./deployment.ts tells one deployment), or any later diff or refresh of the imported
// resource (only a resource in a stack's state gets those). The gap: `pulumi import --skip-preview` reads once,
// so its adoption holds from the imported stack's next preview, update or refresh on.
import { declareInDeployment } from "./deployment";
import type { Intent, Ledger } from "./ledger/ledger";
import { processLedger } from "./ledger/process-ledger";

/** Whether an intent is an import's adoption not yet seen stored: it holds nothing. */
export function pendingImport(i: Pick<Intent, "state" | "returned">): boolean {
  return i.state === "adopted" && i.returned === false;
}

/**
 * Settles the adoption `key` an import Read just wrote (`claimedNow`: this Read created it): pending, unless an
 * earlier Read of this deployment made the same import (then stored). Never moves a holding adoption back.
 * @throws LedgerError when the ledger cannot be written.
 */
export async function settleImportHold(ledger: Ledger, key: string, claimedNow: boolean): Promise<void> {
  let again = false;
  try {
    const me = `${process.pid}:${Math.random()}`;
    again = (declareInDeployment("imports", key, me) ?? me) !== me;
  } catch {
    // No shared directory: the import stays pending until the resource is next seen in its stack.
  }
  const cur = await ledger.get(key);
  if (!cur) return;
  if (claimedNow && !again) await ledger.update(key, { returned: false });
  else if (again && pendingImport(cur)) await ledger.update(key, { returned: true });
}

/**
 * The imported resource whose stored outputs carry `key` is in a stack's state: its adoption holds from now on.
 * Never throws (a pending adoption costs a protection, never a job: the next look tries again).
 */
export async function confirmImportHold(key: string, log: (line: string) => void): Promise<void> {
  if (!key) return;
  try {
    const ledger = await processLedger();
    const cur = await ledger.get(key);
    if (cur && pendingImport(cur)) await ledger.update(key, { returned: true });
  } catch (err) {
    log(`could not note in the ledger that the imported job is in the stack (${(err as Error).message}); continuing`);
  }
}

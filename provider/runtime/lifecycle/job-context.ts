// The context a kind's hooks get: the resource's inputs and placement, its key, vendor clients, the ledger's
// view of who else holds a vendor object, and the progress log.
import type { AnyJobKind, JobContext } from "../../job-kind";
import { clientsFor } from "../clients";
import { OPEN_STATES } from "../ledger/ledger";
import { processLedger } from "../ledger/process-ledger";
import { placementOf } from "../placement";
import { progressLogger } from "../progress-log";
import { runCancellation } from "../run-cancellation";
import type { Props } from "./stored-state";

/** A hook's context; `placement` defaults to the inputs' own (a stored job's may differ: ./placement.ts). */
export function contextFor(kind: AnyJobKind, inputs: Props, key: string, placement = placementOf(inputs)): JobContext {
  return {
    placement,
    inputs,
    key,
    clients: clientsFor(placement),
    log: progressLogger(kind.name, inputs),
    signal: runCancellation.signal,
    heldElsewhere: async (vendorId) => {
      const holders = await (await processLedger()).list({ holding: vendorId });
      return holders.some((i) => i.key !== key && OPEN_STATES.includes(i.state));
    },
  };
}

/** The resource's identity in the ledger (`idempotencyScope`). */
export const scopeOf = (inputs: Props) => (typeof inputs.idempotencyScope === "string" ? inputs.idempotencyScope : "");

/** The resource's name (the scope's last part), for messages. */
export const nameOf = (ctx: JobContext) => scopeOf(ctx.inputs).split("/").pop() ?? "";

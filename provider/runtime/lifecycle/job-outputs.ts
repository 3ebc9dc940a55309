// The outputs of a job resource from one look at its job.
import type { AnyJobKind, JobView } from "../../job-kind";
import { redactDeep, redactUrlQueries } from "../redaction";
import { type Props, storedProgress, storedStateFields } from "./stored-state";

/**
 * The resource's outputs: its stored inputs (./stored-inputs.ts: names and digests, not the inputs themselves),
 * the kind's outputs (redacted where they echo inputs) and the common ones.
 */
export function outputsOf(
  kind: AnyJobKind,
  stored: Props,
  view: JobView<Props>,
  key: string,
  ambiguous: number,
): Props {
  const own: Props = {};
  for (const [name, value] of Object.entries(view.outputs)) {
    // Only declared outputs: a view built from stored outputs (a refresh that keeps them) holds stored inputs too.
    if (!(name in kind.outputs)) continue;
    own[name] = kind.outputs[name]?.echoesInputs ? redactDeep(value) : value;
  }
  const out: Props = {
    ...stored,
    ...own,
    [kind.idOutput]: view.jobId,
    status: view.status,
    // Says whether the job has ended (./stored-state.ts): update() reads it to know there is nothing to wait for.
    progress: storedProgress(view),
    errorCode: view.failure?.code ?? "",
    errorMessage: view.failure ? redactUrlQueries(view.failure.message) : "",
    vendorState: view.vendorState,
    ...storedStateFields({ key, ambiguous }),
  };
  // Outputs travel as protobuf Structs, which cannot hold undefined: an absent value is an absent key.
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

/** The outputs of a job known by its id only (a look at it failed, or none was made). */
export function unknownJobOutputs(
  kind: AnyJobKind,
  stored: Props,
  job: { readonly jobId: string; readonly key: string; readonly ambiguous: number },
): Props {
  const view = { jobId: job.jobId, status: "UNKNOWN", done: false, outputs: {} };
  return outputsOf(kind, stored, view, job.key, job.ambiguous);
}

// The error that keeps a job in the stack: Pulumi records the resource with its id and properties (a partial
// state), so the next `up` resumes the job instead of submitting it again.
import type { AnyJobKind, JobPlacement } from "../../job-kind";
import { placementRecordAtCreate } from "../placement";
import { storeKindInputs } from "../stored-inputs";
import { unknownJobOutputs } from "./job-outputs";
import type { Props } from "./stored-state";

/**
 * Thrown when a job exists but did not succeed (failed, or still running at the deadline): Pulumi records
 * the resource with this id and these properties, so the next `up` resumes it instead of submitting again.
 */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Props,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

/** Partial-state properties must carry __provider: the dynamic-provider host does not add it there. */
export function withProvider(err: ResourceInitError, rawInputs: Props, extra: Props = {}): ResourceInitError {
  return new ResourceInitError(
    err.message,
    err.id,
    { ...err.properties, ...extra, __provider: rawInputs.__provider },
    err.reasons,
  );
}

/** The job ended without success at the vendor: its outputs say how; a new job needs new inputs. */
export function failedError(kind: AnyJobKind, jobId: string, outputs: Props, requestId?: string): ResourceInitError {
  const message =
    `${kind.name} ${jobId} failed at the vendor: [${outputs.errorCode}] ${outputs.errorMessage}` +
    `${requestId ? ` (RequestId: ${requestId})` : ""}. ` +
    "Change its inputs (or set resubmitToken) and run `pulumi up` to submit a new job";
  return new ResourceInitError(message, jobId, outputs, [message]);
}

/**
 * The job exists but this step failed after it was obtained: `message` (which must say so) with the job's id and
 * outputs of a job not yet looked at, carrying `rawInputs`' __provider.
 */
export function idSavedError(
  kind: AnyJobKind,
  rawInputs: Props,
  inputs: Props,
  job: { readonly jobId: string; readonly key: string; readonly ambiguous: number },
  message: string,
  placement: JobPlacement,
): ResourceInitError {
  const stored = { ...storeKindInputs(kind, inputs), ...placementRecordAtCreate(inputs, placement) };
  const outs = unknownJobOutputs(kind, stored, job);
  return withProvider(new ResourceInitError(message, job.jobId, outs, [message]), rawInputs);
}

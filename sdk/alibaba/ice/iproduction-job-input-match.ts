// What QueryIProductionJob echoes: docs/vendor-notes/alibaba-job-echo-and-outcomes.md.
import { diffFields, echoedFields, json, object, scalar } from "../../core/input-diff";
import type { SubmitIProductionJobRequest } from "./actions";

const MEDIA = { Type: scalar(), Media: scalar() };

const IPRODUCTION_JOB_INPUT = object({
  FunctionName: scalar(),
  Input: object(MEDIA),
  Output: object({ ...MEDIA, Biz: scalar(), OutputUrl: scalar() }),
  Name: scalar(),
  TemplateId: scalar(),
  JobParams: json(),
  // ICE assigns a pipeline and priority 6 to a job that names none.
  ScheduleConfig: object({ PipelineId: scalar({ assignedWhenUnset: true }), Priority: scalar({ default: 6 }) }),
  UserData: json(),
});

/**
 * The fields (FunctionName, Input, Output, Name, TemplateId, JobParams, ScheduleConfig, UserData) where a
 * QueryIProductionJob answer differs from `request`; empty when they match. The request's JSON-text fields
 * may be text or structured values; QueryIProductionJob returns Input, Output and ScheduleConfig as objects.
 * Unset values ("", 0, null), the default Priority 6 and a pipeline ICE assigned do not count; JobParams
 * and UserData compare as parsed JSON when they are JSON. Names only fields, never values.
 */
export function diffIProductionJobInput(request: SubmitIProductionJobRequest, job: unknown): string[] {
  return diffFields(IPRODUCTION_JOB_INPUT, request, job);
}

/**
 * The request fields a QueryIProductionJob answer holds (`pulumi import`), with wire names: Input, Output and
 * ScheduleConfig as objects, JobParams and UserData as returned. Unset values, the default Priority and a
 * pipeline ICE may have assigned are left out; ModelId is not returned.
 */
export function iProductionJobEchoedRequest(job: unknown): Partial<SubmitIProductionJobRequest> {
  return echoedFields(IPRODUCTION_JOB_INPUT, job);
}

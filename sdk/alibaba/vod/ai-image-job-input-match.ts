// What GetAIImageJobs echoes: docs/vendor-notes/alibaba-job-echo-and-outcomes.md.
import { diffFields, echoedFields, json, object, scalar } from "../../core/input-diff";
import type { SubmitAIImageJobRequest } from "./actions";
import type { AIImageJob } from "./models";

const AI_IMAGE_JOB_INPUT = object({ VideoId: scalar(), AITemplateId: scalar(), UserData: json() });

/**
 * The request fields (VideoId, AITemplateId, UserData) where a GetAIImageJobs entry differs from `request`;
 * empty when they match. GetAIImageJobs echoes the template as `TemplateId` and UserData verbatim; UserData
 * compares as parsed JSON. Names only fields, never values.
 */
export function diffAIImageJobInput(
  request: SubmitAIImageJobRequest,
  job: Pick<AIImageJob, "VideoId" | "TemplateId" | "UserData">,
): string[] {
  const recorded = { VideoId: job.VideoId, AITemplateId: job.TemplateId, UserData: job.UserData };
  return diffFields(AI_IMAGE_JOB_INPUT, request, recorded);
}

/**
 * The request fields a GetAIImageJobs entry holds (`pulumi import`), with wire names: VideoId, AITemplateId (echoed
 * as TemplateId) and UserData as returned (JSON text).
 */
export function aiImageJobEchoedRequest(
  job: Pick<AIImageJob, "VideoId" | "TemplateId" | "UserData">,
): Partial<SubmitAIImageJobRequest> {
  return echoedFields(AI_IMAGE_JOB_INPUT, {
    VideoId: job.VideoId,
    AITemplateId: job.TemplateId,
    UserData: job.UserData,
  });
}

import { KeyedBatcher } from "../core/batcher";
import { clientEndpoint } from "../core/endpoint";
import { type CallContext, NotFoundError } from "../core/errors";
import { invoke } from "../core/invoke";
import type { RequestOptions, SubmitOptions } from "../core/request-options";
import { combineMetadata, type WithMetadata, withMetadata } from "../core/response-metadata";
import { observationOf } from "../core/wait/job-outcome";
import { pollUntilDone, type WaitOptions } from "../core/wait/waiter";
import type { AlibabaClientOptions } from "./alibaba-client-options";
import type { AlibabaProtocol } from "./alibaba-protocol";
import { rpcProtocol } from "./rpc-protocol";
import {
  GetAIImageJobs,
  type GetAIImageJobsResponse,
  ListAIImageInfo,
  type ListAIImageInfoRequest,
  type ListAIImageInfoResponse,
  MAX_JOB_IDS_PER_CALL,
  SubmitAIImageJob,
  type SubmitAIImageJobRequest,
  type SubmitAIImageJobResponse,
} from "./vod/actions";
import { aiImageJobOutcome } from "./vod/ai-image-job-outcome";
import { vodEndpointFor } from "./vod/ai-image-regions";
import { type AIImageJobResult, aiImageResults } from "./vod/ai-image-results";
import type { AIImageJob } from "./vod/models";

export {
  assertVodAiImageRegion,
  VOD_AI_IMAGE_REGIONS,
  type VodAiImageRegion,
  vodEndpointFor,
} from "./vod/ai-image-regions";
export { type AIImageJobResult, aiImageResults } from "./vod/ai-image-results";

/** After this many polls in a row without the job in the answer, the job is reported missing. */
const MISSING_POLLS_BEFORE_NOT_FOUND = 3;

/**
 * Typed client for ApsaraVideo VOD (2017-03-21) AI image jobs, over the sdk's one call pipeline with the
 * RPC protocol (ACS3, or signature v1). Submits are never retried after an ambiguous failure (the API has
 * no idempotency token): put a marker in UserData.Extend and use `findAIImageJobsByMarker` to look for the
 * job before submitting again. Every response carries a non-enumerable `$metadata`.
 */
export class AlibabaVodClient {
  readonly endpoint: URL;
  private readonly protocol: AlibabaProtocol;
  /** Batches the polls of every waiting job of this client into GetAIImageJobs calls of ≤ 10 ids. */
  private readonly pollBatcher: KeyedBatcher<string, AIImageJob>;

  /**
   * Without `endpoint`, the region (default cn-shanghai) must offer the AI image APIs.
   * @throws ConfigurationError for a bad endpoint, or a region outside `VOD_AI_IMAGE_REGIONS`.
   */
  constructor(options: AlibabaClientOptions = {}) {
    this.endpoint = clientEndpoint(options.endpoint, () => vodEndpointFor(options.regionId ?? "cn-shanghai"));
    this.protocol = rpcProtocol("vod", this.endpoint, options);
    this.pollBatcher = new KeyedBatcher(async (ids) => {
      const res = await this.getAIImageJobs({ JobIds: ids });
      return new Map(res.AIImageJobList.map((j) => [j.JobId, j]));
    }, MAX_JOB_IDS_PER_CALL);
  }

  /** Starts an AI image job. Paid. @throws AmbiguousSubmissionError when it may have been created. */
  submitAIImageJob(req: SubmitAIImageJobRequest, o?: SubmitOptions): Promise<WithMetadata<SubmitAIImageJobResponse>> {
    return invoke(this.protocol, SubmitAIImageJob, req, o);
  }

  /**
   * Status of any number of jobs: more than 10 ids are split into several calls and merged (the merged
   * answer's `$metadata` counts the attempts and time of all of them, with the last call's RequestId).
   */
  async getAIImageJobs(
    req: { JobIds: string | readonly string[] },
    o?: RequestOptions,
  ): Promise<WithMetadata<GetAIImageJobsResponse>> {
    const ids = (typeof req.JobIds === "string" ? req.JobIds.split(",") : [...req.JobIds]).map((s) => s.trim());
    if (ids.length <= MAX_JOB_IDS_PER_CALL) return invoke(this.protocol, GetAIImageJobs, { JobIds: ids.join(",") }, o);
    const parts: WithMetadata<GetAIImageJobsResponse>[] = [];
    for (let i = 0; i < ids.length; i += MAX_JOB_IDS_PER_CALL) {
      const JobIds = ids.slice(i, i + MAX_JOB_IDS_PER_CALL).join(",");
      parts.push(await invoke(this.protocol, GetAIImageJobs, { JobIds }, o));
    }
    const merged: GetAIImageJobsResponse = {
      ...parts[parts.length - 1]!,
      AIImageJobList: parts.flatMap((p) => p.AIImageJobList),
    };
    return withMetadata(merged, combineMetadata(parts.map((p) => p.$metadata)));
  }

  /** The AI images generated for one video. */
  listAIImageInfo(req: ListAIImageInfoRequest, o?: RequestOptions): Promise<WithMetadata<ListAIImageInfoResponse>> {
    return invoke(this.protocol, ListAIImageInfo, req, o);
  }

  /**
   * Polls until the job succeeds or fails; concurrent waits of this client share batched calls.
   * @throws JobFailedError with the job's Code and Message; WaitTimeoutError carrying the JobId;
   *   AbortError; NotFoundError when the vendor does not know the job.
   */
  async waitForAIImageJob(jobId: string, options: WaitOptions = {}): Promise<AIImageJobResult> {
    const context: CallContext = { vendor: "alibaba", service: "vod", action: "GetAIImageJobs" };
    let missing = 0;
    return pollUntilDone({
      ...options,
      context,
      jobId,
      observe: async () => {
        const job = await this.pollBatcher.load(jobId);
        if (!job) {
          if (++missing >= MISSING_POLLS_BEFORE_NOT_FOUND) {
            throw new NotFoundError({
              ...context,
              code: "JobNotFound",
              message: `GetAIImageJobs does not list job ${jobId}`,
            });
          }
          return { done: false, status: "UNKNOWN", value: undefined as unknown as AIImageJobResult };
        }
        missing = 0;
        const value: AIImageJobResult = { ...job, Results: aiImageResults(job) };
        return observationOf(aiImageJobOutcome(job), { context, jobId, value, job });
      },
    });
  }

  /**
   * Finds jobs of a video whose UserData contains `marker` (ListAIImageInfo, then GetAIImageJobs). Only
   * jobs that produced images are listed by VOD, so an empty answer is inconclusive for a running job.
   */
  async findAIImageJobsByMarker(videoId: string, marker: string, o?: RequestOptions): Promise<AIImageJob[]> {
    const infos = await this.listAIImageInfo({ VideoId: videoId }, o);
    const ids = [...new Set(infos.AIImageInfoList.map((i) => i.JobId).filter(Boolean))];
    if (ids.length === 0) return [];
    const jobs = await this.getAIImageJobs({ JobIds: ids }, o);
    return jobs.AIImageJobList.filter((j) => j.UserData.includes(marker));
  }
}

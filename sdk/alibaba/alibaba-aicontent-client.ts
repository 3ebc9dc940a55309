import { parseEndpoint } from "../core/endpoint";
import { type CallContext, JobFailedError } from "../core/errors";
import { pollUntilDone, type WaitOptions } from "../core/waiter";
import {
  Personalizedtxt2imgAddInferenceJob,
  type Personalizedtxt2imgAddInferenceJobRequest,
  type Personalizedtxt2imgAddInferenceJobResponse,
  Personalizedtxt2imgQueryImageAsset,
  type Personalizedtxt2imgQueryImageAssetRequest,
  Personalizedtxt2imgQueryInferenceJobInfo,
  type Personalizedtxt2imgQueryInferenceJobInfoRequest,
  type Personalizedtxt2imgQueryInferenceJobInfoResponse,
  Personalizedtxt2imgQueryModelTrainJobList,
  type Personalizedtxt2imgQueryModelTrainJobListResponse,
} from "./aicontent/actions";
import { type InferenceJob, inferenceOutcome } from "./aicontent/models";
import { AlibabaCaller, type AlibabaCallOptions, type AlibabaClientOptions } from "./alibaba-caller";
import { canonicalQueryString } from "./percent-encode";

/** aicontent's endpoint for a region (from the SDK endpoint map; cn-beijing is the default). */
export function aiContentEndpointFor(regionId: string): string {
  if (regionId === "cn-shanghai" || regionId === "public") return "https://aicontent.aliyuncs.com";
  return `https://aicontent.${regionId}.aliyuncs.com`;
}

/**
 * Typed client for the aicontent (20240611) personalized text-to-image service. The inference submit has
 * neither an idempotency token nor a user-data field: after an ambiguous failure, look for the job with
 * `findInferenceJobs` before submitting again.
 */
export class AlibabaAiContentClient {
  readonly endpoint: URL;
  private readonly caller: AlibabaCaller;

  /** @throws ConfigurationError for a bad endpoint. */
  constructor(options: AlibabaClientOptions = {}) {
    this.endpoint = parseEndpoint(options.endpoint ?? aiContentEndpointFor(options.regionId ?? "cn-beijing"));
    this.caller = new AlibabaCaller("aicontent", this.endpoint, options);
  }

  /** Starts an inference job on a trained model. Paid. @throws AmbiguousSubmissionError when it may exist. */
  personalizedtxt2imgAddInferenceJob(
    req: Personalizedtxt2imgAddInferenceJobRequest,
    o?: AlibabaCallOptions,
  ): Promise<Personalizedtxt2imgAddInferenceJobResponse> {
    return this.caller.call(Personalizedtxt2imgAddInferenceJob, req, o);
  }

  /** One inference job. */
  personalizedtxt2imgQueryInferenceJobInfo(
    req: Personalizedtxt2imgQueryInferenceJobInfoRequest,
    o?: AlibabaCallOptions,
  ): Promise<Personalizedtxt2imgQueryInferenceJobInfoResponse> {
    return this.caller.call(Personalizedtxt2imgQueryInferenceJobInfo, req, o);
  }

  /** The bytes of one generated image (base64 text when encodeFormat is base64). */
  personalizedtxt2imgQueryImageAsset(
    req: Personalizedtxt2imgQueryImageAssetRequest,
    o?: AlibabaCallOptions,
  ): Promise<Buffer> {
    return this.caller.call(Personalizedtxt2imgQueryImageAsset, req, o);
  }

  /** Every trained model with its inference jobs. */
  personalizedtxt2imgQueryModelTrainJobList(
    o?: AlibabaCallOptions,
  ): Promise<Personalizedtxt2imgQueryModelTrainJobListResponse> {
    return this.caller.call(Personalizedtxt2imgQueryModelTrainJobList, {}, o);
  }

  /**
   * The address of one result image: the QueryImageAsset request for it. Fetching it needs a signed GET
   * (use `personalizedtxt2imgQueryImageAsset`); entries that are already absolute URLs are returned as is.
   */
  imageAssetUrl(job: Pick<InferenceJob, "modelId" | "promptId">, imageId: string): string {
    if (/^https?:\/\//.test(imageId)) return imageId;
    const qs = canonicalQueryString({ modelId: job.modelId, promptId: job.promptId, imageId });
    return new URL(`/api/v1/personalizedtxt2img/queryImageAsset?${qs}`, this.endpoint).toString();
  }

  /**
   * Polls until the inference job is FINISHED (or FAILED).
   * @throws JobFailedError; WaitTimeoutError carrying the job id; AbortError; NotFoundError.
   */
  async waitForInferenceJob(inferenceJobId: string, options: WaitOptions = {}): Promise<InferenceJob> {
    const context: CallContext = {
      vendor: "alibaba",
      service: "aicontent",
      action: "Personalizedtxt2imgQueryInferenceJobInfo",
    };
    return pollUntilDone({
      ...options,
      context,
      jobId: inferenceJobId,
      observe: async (signal) => {
        const res = await this.personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId }, { signal });
        const job = res.data;
        const outcome = inferenceOutcome(job.jobStatus);
        return {
          done: outcome !== "running",
          status: job.jobStatus,
          progress: typeof job.jobTrainProgress === "number" ? Math.round(job.jobTrainProgress * 100) : undefined,
          value: job,
          failure:
            outcome === "failed"
              ? new JobFailedError({
                  ...context,
                  code: job.jobStatus,
                  message: "inference job failed",
                  requestId: res.requestId,
                  jobId: inferenceJobId,
                  status: job.jobStatus,
                  job,
                })
              : undefined,
        };
      },
    });
  }

  /**
   * Every inference job run on `modelId` (from QueryModelTrainJobList). Inference jobs carry no prompt or
   * user data, so after an ambiguous submit a caller can only narrow candidates by createTime and status.
   */
  async findInferenceJobs(modelId: string, o?: AlibabaCallOptions): Promise<InferenceJob[]> {
    const list = await this.personalizedtxt2imgQueryModelTrainJobList(o);
    return list.data.find((m) => m.modelId === modelId)?.inferenceJobList ?? [];
  }
}

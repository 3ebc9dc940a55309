import { clientEndpoint } from "../core/endpoint";
import type { CallContext } from "../core/errors";
import { invoke } from "../core/invoke";
import type { RequestOptions, SubmitOptions } from "../core/request-options";
import type { WithMetadata } from "../core/response-metadata";
import { observationOf } from "../core/wait/job-outcome";
import { pollUntilDone, type WaitOptions } from "../core/wait/waiter";
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
import { inferenceJobOutcome } from "./aicontent/inference-job-outcome";
import type { InferenceJob } from "./aicontent/models";
import type { AlibabaClientOptions } from "./alibaba-client-options";
import { canonicalQueryString } from "./percent-encode";
import { RoaProtocol } from "./roa-protocol";

/**
 * One generated image as QueryImageAsset returns it: the raw bytes (or base64 text when `encodeFormat` is
 * `base64`) in a Buffer, which carries `$metadata` like every response (its RequestId from the
 * x-acs-request-id header). A copy (`Buffer.from`, `subarray`) does not carry `$metadata`.
 */
export type ImageAsset = WithMetadata<Buffer>;

/** aicontent's endpoint for a region (from the SDK endpoint map; cn-beijing is the default). */
export function aiContentEndpointFor(regionId: string): string {
  if (regionId === "cn-shanghai" || regionId === "public") return "https://aicontent.aliyuncs.com";
  return `https://aicontent.${regionId}.aliyuncs.com`;
}

/**
 * Typed client for the aicontent (20240611) personalized text-to-image service, over the sdk's one call
 * pipeline with the ROA protocol (always ACS3-signed). The inference submit has neither an idempotency token
 * nor a user-data field: after an ambiguous failure, look for the job with `findInferenceJobs` before
 * submitting again. Every response carries a non-enumerable `$metadata`.
 */
export class AlibabaAiContentClient {
  readonly endpoint: URL;
  private readonly protocol: RoaProtocol;

  /** @throws ConfigurationError for a bad endpoint or option. */
  constructor(options: AlibabaClientOptions = {}) {
    this.endpoint = clientEndpoint(options.endpoint, () => aiContentEndpointFor(options.regionId ?? "cn-beijing"));
    this.protocol = new RoaProtocol("aicontent", this.endpoint, options);
  }

  /** Starts an inference job on a trained model. Paid. @throws AmbiguousSubmissionError when it may exist. */
  personalizedtxt2imgAddInferenceJob(
    req: Personalizedtxt2imgAddInferenceJobRequest,
    o?: SubmitOptions,
  ): Promise<WithMetadata<Personalizedtxt2imgAddInferenceJobResponse>> {
    return invoke(this.protocol, Personalizedtxt2imgAddInferenceJob, req, o);
  }

  /** One inference job. */
  personalizedtxt2imgQueryInferenceJobInfo(
    req: Personalizedtxt2imgQueryInferenceJobInfoRequest,
    o?: RequestOptions,
  ): Promise<WithMetadata<Personalizedtxt2imgQueryInferenceJobInfoResponse>> {
    return invoke(this.protocol, Personalizedtxt2imgQueryInferenceJobInfo, req, o);
  }

  /** The bytes of one generated image (base64 text when encodeFormat is base64): see {@link ImageAsset}. */
  personalizedtxt2imgQueryImageAsset(
    req: Personalizedtxt2imgQueryImageAssetRequest,
    o?: RequestOptions,
  ): Promise<ImageAsset> {
    return invoke(this.protocol, Personalizedtxt2imgQueryImageAsset, req, o);
  }

  /** Every trained model with its inference jobs. */
  personalizedtxt2imgQueryModelTrainJobList(
    o?: RequestOptions,
  ): Promise<WithMetadata<Personalizedtxt2imgQueryModelTrainJobListResponse>> {
    return invoke(this.protocol, Personalizedtxt2imgQueryModelTrainJobList, {}, o);
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
   * Polls until the inference job is FINISHED (or FAILED); `inferenceJobOutcome` decides.
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
        return observationOf(inferenceJobOutcome(job), {
          context,
          jobId: inferenceJobId,
          value: job,
          job,
          requestId: res.requestId,
        });
      },
    });
  }

  /**
   * Every inference job run on `modelId` (from QueryModelTrainJobList). Inference jobs carry no prompt or
   * user data, so after an ambiguous submit a caller can only narrow candidates by createTime and status.
   */
  async findInferenceJobs(modelId: string, o?: RequestOptions): Promise<InferenceJob[]> {
    const list = await this.personalizedtxt2imgQueryModelTrainJobList(o);
    return list.data.find((m) => m.modelId === modelId)?.inferenceJobList ?? [];
  }
}

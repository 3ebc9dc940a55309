import { clientEndpoint } from "../core/endpoint";
import type { CallContext } from "../core/errors";
import { invoke } from "../core/invoke";
import type { RequestOptions, SubmitOptions } from "../core/request-options";
import { type WithMetadata, withMetadata } from "../core/response-metadata";
import { observationOf } from "../core/wait/job-outcome";
import { pollUntilDone, type WaitOptions } from "../core/wait/waiter";
import type { AlibabaClientOptions } from "./alibaba-client-options";
import type { AlibabaProtocol } from "./alibaba-protocol";
import {
  CancelIProductionJob,
  type CancelIProductionJobRequest,
  type CancelIProductionJobResponse,
  QueryIProductionJob,
  type QueryIProductionJobRequest,
  type QueryIProductionJobResponse,
  SubmitIProductionJob,
  type SubmitIProductionJobRequest,
  type SubmitIProductionJobResponse,
} from "./ice/actions";
import { iProductionJobOutcome } from "./ice/iproduction-job-outcome";
import { type IProductionResult, parseIProductionResult } from "./ice/iproduction-result";
import { rpcProtocol } from "./rpc-protocol";

/** A QueryIProductionJob answer with `Result` decoded by FunctionName (`Result` itself stays the raw string). */
export type IProductionJobInfo = QueryIProductionJobResponse & { readonly ParsedResult: IProductionResult | undefined };

/** ICE's public endpoint for a region (the SDK's own map points most regions at ice.aliyuncs.com). */
export function iceEndpointFor(regionId: string): string {
  return `https://ice.${regionId}.aliyuncs.com`;
}

/**
 * Typed client for Intelligent Media Services (ICE, 2020-11-09) intelligent production jobs, over the
 * sdk's one call pipeline with the RPC protocol (ACS3, or signature v1). SubmitIProductionJob has no
 * ClientToken: submits are never retried after an ambiguous failure. Every response carries a
 * non-enumerable `$metadata`.
 */
export class AlibabaIceClient {
  readonly endpoint: URL;
  private readonly protocol: AlibabaProtocol;

  /** @throws ConfigurationError for a bad endpoint or option. */
  constructor(options: AlibabaClientOptions = {}) {
    this.endpoint = clientEndpoint(options.endpoint, () => iceEndpointFor(options.regionId ?? "cn-shanghai"));
    this.protocol = rpcProtocol("ice", this.endpoint, options);
  }

  /** Starts a production job. Paid. @throws AmbiguousSubmissionError when it may have been created. */
  submitIProductionJob(
    req: SubmitIProductionJobRequest,
    o?: SubmitOptions,
  ): Promise<WithMetadata<SubmitIProductionJobResponse>> {
    return invoke(this.protocol, SubmitIProductionJob, req, o);
  }

  /** One job, with `ParsedResult` typed by FunctionName. @throws NotFoundError for an unknown JobId. */
  async queryIProductionJob(
    req: QueryIProductionJobRequest,
    o?: RequestOptions,
  ): Promise<WithMetadata<IProductionJobInfo>> {
    const res = await invoke(this.protocol, QueryIProductionJob, req, o);
    // A spread copies no `$metadata` (it is not enumerable): it is attached again.
    const info: IProductionJobInfo = { ...res, ParsedResult: parseIProductionResult(res.FunctionName, res.Result) };
    return withMetadata(info, res.$metadata);
  }

  /** Stops a queued or running job. */
  cancelIProductionJob(
    req: CancelIProductionJobRequest,
    o?: RequestOptions,
  ): Promise<WithMetadata<CancelIProductionJobResponse>> {
    return invoke(this.protocol, CancelIProductionJob, req, o);
  }

  /**
   * Polls QueryIProductionJob until Success or Fail; `iProductionJobOutcome` decides. Resolves with the
   * last answer (its `$metadata` is the last poll's).
   * @throws JobFailedError (code: the job's Code if it gives one, else its Status); WaitTimeoutError
   *   carrying the JobId; AbortError; NotFoundError.
   */
  async waitForIProductionJob(jobId: string, options: WaitOptions = {}): Promise<WithMetadata<IProductionJobInfo>> {
    const context: CallContext = { vendor: "alibaba", service: "ice", action: "QueryIProductionJob" };
    return pollUntilDone({
      ...options,
      context,
      jobId,
      observe: async (signal) => {
        const job = await this.queryIProductionJob({ JobId: jobId }, { signal });
        return observationOf(iProductionJobOutcome(job), { context, jobId, value: job, job, requestId: job.RequestId });
      },
    });
  }
}

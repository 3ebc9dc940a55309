import { parseEndpoint } from "../core/endpoint";
import { type CallContext, JobFailedError } from "../core/errors";
import { pollUntilDone, type WaitOptions } from "../core/waiter";
import { AlibabaCaller, type AlibabaCallOptions, type AlibabaClientOptions } from "./alibaba-caller";
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
import { type IProductionResult, parseIProductionResult } from "./ice/iproduction-result";
import { isIProductionJobDone } from "./ice/models";

/** A QueryIProductionJob answer with `Result` decoded by FunctionName (`Result` itself stays the raw string). */
export type IProductionJobInfo = QueryIProductionJobResponse & { readonly ParsedResult: IProductionResult | undefined };

/** ICE's public endpoint for a region (the SDK's own map points most regions at ice.aliyuncs.com). */
export function iceEndpointFor(regionId: string): string {
  return `https://ice.${regionId}.aliyuncs.com`;
}

/**
 * Typed client for Intelligent Media Services (ICE, 2020-11-09) intelligent production jobs.
 * SubmitIProductionJob has no ClientToken: submits are never retried after an ambiguous failure.
 */
export class AlibabaIceClient {
  readonly endpoint: URL;
  private readonly caller: AlibabaCaller;

  /** @throws ConfigurationError for a bad endpoint. */
  constructor(options: AlibabaClientOptions = {}) {
    this.endpoint = parseEndpoint(options.endpoint ?? iceEndpointFor(options.regionId ?? "cn-shanghai"));
    this.caller = new AlibabaCaller("ice", this.endpoint, options);
  }

  /** Starts a production job. Paid. @throws AmbiguousSubmissionError when it may have been created. */
  submitIProductionJob(
    req: SubmitIProductionJobRequest,
    o?: AlibabaCallOptions,
  ): Promise<SubmitIProductionJobResponse> {
    return this.caller.call(SubmitIProductionJob, req, o);
  }

  /** One job, with `ParsedResult` typed by FunctionName. @throws NotFoundError for an unknown JobId. */
  async queryIProductionJob(req: QueryIProductionJobRequest, o?: AlibabaCallOptions): Promise<IProductionJobInfo> {
    const res = await this.caller.call(QueryIProductionJob, req, o);
    return { ...res, ParsedResult: parseIProductionResult(res.FunctionName, res.Result) };
  }

  /** Stops a queued or running job. */
  cancelIProductionJob(
    req: CancelIProductionJobRequest,
    o?: AlibabaCallOptions,
  ): Promise<CancelIProductionJobResponse> {
    return this.caller.call(CancelIProductionJob, req, o);
  }

  /**
   * Polls QueryIProductionJob until Success or Fail.
   * @throws JobFailedError (code: the job's Code if it gives one, else its Status); WaitTimeoutError
   *   carrying the JobId; AbortError; NotFoundError.
   */
  async waitForIProductionJob(jobId: string, options: WaitOptions = {}): Promise<IProductionJobInfo> {
    const context: CallContext = { vendor: "alibaba", service: "ice", action: "QueryIProductionJob" };
    return pollUntilDone({
      ...options,
      context,
      jobId,
      observe: async (signal) => {
        const job = await this.queryIProductionJob({ JobId: jobId }, { signal });
        const done = isIProductionJobDone(job.Status);
        const failed = done && job.Status !== "Success";
        const extra = job as unknown as { Code?: unknown; Message?: unknown };
        return {
          done,
          status: job.Status,
          value: job,
          failure: failed
            ? new JobFailedError({
                ...context,
                code: typeof extra.Code === "string" && extra.Code ? extra.Code : job.Status,
                message:
                  typeof extra.Message === "string" && extra.Message
                    ? extra.Message
                    : job.Result || "production job failed",
                requestId: job.RequestId,
                jobId,
                status: job.Status,
                job,
              })
            : undefined,
        };
      },
    });
  }
}

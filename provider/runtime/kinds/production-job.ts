import {
  InvalidParameterError,
  type IProductionJobInfo,
  isIProductionJobDone,
  SubmitIProductionJobRequest,
  type WaitOptions,
} from "../../../sdk";
import { camelizeKeys } from "../../casing";
import { iceClient } from "../clients";
import type { JobKind, JobView } from "../job-kind";
import { withMarker } from "./user-data-marker";

/**
 * `Result` for the resource: vendor structures in camelCase; AudioQualityAssessment's labelled maps kept as
 * they are.
 */
function resultOutput(job: IProductionJobInfo): unknown {
  const parsed = job.ParsedResult;
  if (!parsed) return {};
  return parsed.FunctionName === "AudioQualityAssessment" ? parsed.Result : camelizeKeys(parsed.Result);
}

function view(job: IProductionJobInfo): JobView {
  const done = isIProductionJobDone(job.Status);
  return {
    jobId: job.JobId,
    status: job.Status,
    done,
    failure:
      done && job.Status !== "Success"
        ? { code: job.Status, message: job.Result || "production job failed" }
        : undefined,
    outputs: {
      outputUrls: job.OutputUrls,
      outputFiles: job.OutputFiles,
      outputMediaIds: job.OutputMediaIds,
      result: resultOutput(job),
      rawResult: job.Result,
      createTime: job.CreateTime,
      finishTime: job.FinishTime,
    },
  };
}

/** alibaba.ProductionJob: SubmitIProductionJob → QueryIProductionJob; a running job is cancelled on destroy. */
export const productionJobKind: JobKind = {
  name: "alibaba:ProductionJob",
  request: SubmitIProductionJobRequest,
  idOutput: "jobId",
  adoptInput: "adoptJobId",
  providerInputs: [],
  dedupedByVendor: false,
  goneWhenMissing: false,
  prepare(wire, key) {
    const userData = withMarker(wire.UserData, key);
    return userData ? { ...wire, UserData: userData } : wire;
  },
  async submit(ctx, request) {
    return (await iceClient(ctx.placement).submitIProductionJob(request as never, { marker: ctx.key })).JobId;
  },
  async recover() {
    return { notFound: "ICE offers no API to find a production job by its UserData" };
  },
  async observe(ctx, jobId) {
    return view(await iceClient(ctx.placement).queryIProductionJob({ JobId: jobId }));
  },
  async wait(ctx, jobId, options: WaitOptions) {
    const job = await iceClient(ctx.placement).waitForIProductionJob(jobId, {
      ...options,
      onProgress: (p) => ctx.log(`${jobId} ${p.status} (${Math.round(p.elapsedMs / 1000)} s)`),
    });
    return view(job);
  },
  async remove(ctx, jobId) {
    const client = iceClient(ctx.placement);
    const job = await client.queryIProductionJob({ JobId: jobId }).catch(() => undefined);
    if (!job || isIProductionJobDone(job.Status)) return; // finished jobs are only removed from the stack
    try {
      await client.cancelIProductionJob({ JobId: jobId });
      ctx.log(`cancelled running job ${jobId}`);
    } catch (err) {
      if (!(err instanceof InvalidParameterError)) throw err; // it finished in the meantime
    }
  },
};

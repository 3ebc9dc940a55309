// The sdk's modules, not its index: `check` loads this declaration, and must not load the clients' transport.
import type { IProductionJobInfo } from "../../../sdk";
import { SubmitIProductionJobRequest } from "../../../sdk/alibaba/ice/actions";
import { iProductionJobEchoedRequest } from "../../../sdk/alibaba/ice/iproduction-job-input-match";
import { iProductionJobOutcome } from "../../../sdk/alibaba/ice/iproduction-job-outcome";
import { isIProductionJobDone } from "../../../sdk/alibaba/ice/models";
import { InvalidParameterError, NotFoundError } from "../../../sdk/core/errors";
import { camelizeKeys } from "../../casing";
import { defineJobKind, type KindView } from "../../job-kind";
import { alibabaRegion } from "../../runtime/clients";
import { jobEnded } from "../../runtime/lifecycle/stored-state";
import { markerOwnedField, withMarker } from "../user-data-marker";
import { type ProductionJobResult, productionJobSurface } from "./surface";

type ProductionView = KindView<typeof productionJobSurface>;

/** `Result` for the resource: vendor structures in camelCase; AudioQualityAssessment's labelled maps as they are. */
function resultOutput(job: IProductionJobInfo): ProductionJobResult {
  const parsed = job.ParsedResult;
  if (!parsed) return {};
  return (
    parsed.FunctionName === "AudioQualityAssessment" ? parsed.Result : camelizeKeys(parsed.Result)
  ) as ProductionJobResult;
}

function view(job: IProductionJobInfo): ProductionView {
  const outcome = iProductionJobOutcome(job);
  const started = Date.parse(job.CreateTime);
  const finished = Date.parse(job.FinishTime);
  const done = outcome.done;
  return {
    jobId: job.JobId,
    status: outcome.status,
    done,
    failure: outcome.failure,
    outputs: {
      jobId: job.JobId,
      outputUrls: job.OutputUrls,
      outputFiles: job.OutputFiles,
      outputMediaIds: job.OutputMediaIds,
      result: resultOutput(job),
      rawResult: job.Result,
      createTime: job.CreateTime,
      finishTime: job.FinishTime,
    },
    durationMs: done && finished >= started ? finished - started : undefined,
  };
}

/**
 * `alibaba.ProductionJob`: an ICE intelligent production job (Cover, VideoClip, VideoDelogo, CaptionExtraction,
 * audio analysis...). SubmitIProductionJob has no idempotency token and ICE cannot list jobs: the ledger is what
 * finds a job again. Destroy cancels a job that is still running (unless another resource holds it).
 */
export const productionJobKind = defineJobKind({
  ...productionJobSurface,
  request: SubmitIProductionJobRequest,
  idOutput: "jobId",
  adoptInputs: ["adoptJobId"],
  ownedFields: [markerOwnedField(["UserData"])],
  dedupedByVendor: false,
  goneWhenMissing: false,
  withKey(request, key) {
    const userData = withMarker(request.UserData, key);
    return userData ? { ...request, UserData: userData } : request;
  },
  async submit(ctx, request) {
    return (await ctx.clients.ice().submitIProductionJob(request, { marker: ctx.key, signal: ctx.signal })).JobId;
  },
  async recover() {
    return { notFound: "ICE offers no API to find a production job by its UserData" };
  },
  async observe(ctx, jobId) {
    return view(await ctx.clients.ice().queryIProductionJob({ JobId: jobId }));
  },
  async importLook(ctx, jobId) {
    const job = await ctx.clients.ice().queryIProductionJob({ JobId: jobId });
    return { view: view(job), request: iProductionJobEchoedRequest(job) };
  },
  async wait(ctx, jobId, options) {
    const job = await ctx.clients.ice().waitForIProductionJob(jobId, options);
    return view(job);
  },
  async remove(ctx, jobId, stored, shared) {
    // A job that has ended has nothing to clean up: it only leaves the stack.
    if (jobEnded(stored)) return;
    if (shared.has(jobId)) {
      ctx.log(`job ${jobId} is held by another resource; not cancelling it`);
      return;
    }
    const client = ctx.clients.ice();
    let job: IProductionJobInfo;
    try {
      job = await client.queryIProductionJob({ JobId: jobId });
    } catch (err) {
      if (err instanceof NotFoundError) {
        throw new Error(
          `${productionJobSurface.name} ${jobId} was last seen running, but ICE no longer knows it (${err.code}, ` +
            `RequestId ${err.requestId ?? "none"}): it cannot be cancelled from here. Check the region and ` +
            "credentials; if the job is really gone, remove the resource with `pulumi state delete`",
        );
      }
      throw err;
    }
    if (isIProductionJobDone(job.Status)) return;
    try {
      await client.cancelIProductionJob({ JobId: jobId });
      ctx.log(`cancelled running job ${jobId}`);
    } catch (err) {
      // It may have finished in the meantime; anything else fails the destroy.
      if (!(err instanceof InvalidParameterError)) throw err;
      const again = await client.queryIProductionJob({ JobId: jobId });
      if (!isIProductionJobDone(again.Status)) throw err;
    }
  },
  profile: (inputs) =>
    `${alibabaRegion({ region: inputs.region })}|${inputs.functionName ?? ""}|${inputs.modelId ?? ""}`,
});

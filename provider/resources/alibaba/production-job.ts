import * as pulumi from "@pulumi/pulumi";
import type { SubmitIProductionJobRequest } from "../../../sdk";
import { dynamicProvider } from "../../dynamic-provider";
import { type ArgsOf, jobProps, JobResource, type JobResourceArgs } from "../job-resource";

/**
 * Arguments: SubmitIProductionJob's fields in camelCase (`functionName`, `input: {type, media}`,
 * `output: {type, media, outputUrl}`, `jobParams`, `scheduleConfig`, `userData`...). Objects are sent as
 * the JSON strings ICE expects.
 */
export type ProductionJobArgs = ArgsOf<SubmitIProductionJobRequest> &
  JobResourceArgs & {
    /** Adopt an existing production job by JobId. */
    adoptJobId?: pulumi.Input<string>;
  };

const provider = dynamicProvider("alibaba:ProductionJob");
const OUTPUTS = [
  "jobId",
  "outputUrls",
  "outputFiles",
  "outputMediaIds",
  "result",
  "rawResult",
  "createTime",
  "finishTime",
] as const;

/** `result` per FunctionName: Cover frames, VideoClip segments, music segments, audio quality, or `{}`. */
export type ProductionJobResult =
  | Array<{ score: number; time: string; url: string }>
  | { videoSummaryList: Array<{ startTime: string; endTime: string }> }
  | Array<{ start: number; end: number; title: string }>
  | Array<Record<string, string | number>>
  | Record<string, unknown>;

/**
 * An ICE intelligent production job (Cover, VideoClip, VideoDelogo, CaptionExtraction, audio analysis...).
 * Destroying it cancels it if it is still running; finished jobs are only removed from the stack.
 * Output URLs may carry OSS signatures and are secret outputs.
 */
export class ProductionJob extends JobResource {
  declare readonly jobId: pulumi.Output<string>;
  declare readonly outputUrls: pulumi.Output<string[]>;
  declare readonly outputFiles: pulumi.Output<string[]>;
  declare readonly outputMediaIds: pulumi.Output<string[]>;
  /** The job's Result, decoded and typed by FunctionName. */
  declare readonly result: pulumi.Output<ProductionJobResult>;
  /** The Result JSON text as ICE returned it. */
  declare readonly rawResult: pulumi.Output<string>;
  declare readonly createTime: pulumi.Output<string>;
  declare readonly finishTime: pulumi.Output<string>;

  constructor(name: string, args: ProductionJobArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      jobProps("alibaba:ProductionJob", name, args, OUTPUTS),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["outputUrls"] }),
      "alibaba",
      "ProductionJob",
    );
  }
}

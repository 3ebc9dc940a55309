import type * as pulumi from "@pulumi/pulumi";
import type { AIImageResultItem, SubmitAIImageJobRequest } from "../../../sdk";
import type { Camelize } from "../../casing";
import { dynamicProvider } from "../../dynamic-provider";
import { type ArgsOf, jobProps, JobResource, type JobResourceArgs } from "../job-resource";

/** Arguments: SubmitAIImageJob's fields in camelCase (`videoId`, `aiTemplateId`, `userData`...). */
export type AiImageJobArgs = ArgsOf<SubmitAIImageJobRequest> &
  JobResourceArgs & {
    /** Adopt an existing AI image job by JobId. */
    adoptJobId?: pulumi.Input<string>;
  };

const provider = dynamicProvider("alibaba:AiImageJob");
const OUTPUTS = ["jobId", "results", "resultUrls", "code", "message", "creationTime"] as const;

/**
 * An ApsaraVideo VOD AI image job (smart covers and GIFs of a video). The submit API has no idempotency
 * token: the provider marks the job in `UserData.Extend.pulumiAigcKey`, never resubmits after an
 * ambiguous failure, and reports instead (see the README's exactly-once section).
 */
export class AiImageJob extends JobResource {
  declare readonly jobId: pulumi.Output<string>;
  /** Generated images with their scores. */
  declare readonly results: pulumi.Output<Camelize<AIImageResultItem>[]>;
  declare readonly resultUrls: pulumi.Output<string[]>;
  declare readonly code: pulumi.Output<string>;
  declare readonly message: pulumi.Output<string>;
  declare readonly creationTime: pulumi.Output<string>;

  constructor(name: string, args: AiImageJobArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, jobProps("alibaba:AiImageJob", name, args, OUTPUTS), opts, "alibaba", "AiImageJob");
  }
}

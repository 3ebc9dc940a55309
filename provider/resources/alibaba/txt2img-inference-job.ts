import type * as pulumi from "@pulumi/pulumi";
import type { Personalizedtxt2imgAddInferenceJobRequest } from "../../../sdk";
import { dynamicProvider } from "../../dynamic-provider";
import { type ArgsOf, jobProps, JobResource, type JobResourceArgs } from "../job-resource";

/**
 * Arguments: Personalizedtxt2imgAddInferenceJob's fields (`modelId`, `prompt` with `<special-token>`,
 * `imageNumber`, `seed`).
 */
export type Txt2ImgInferenceJobArgs = ArgsOf<Personalizedtxt2imgAddInferenceJobRequest> &
  JobResourceArgs & {
    /** Adopt an existing inference job by its id. */
    adoptJobId?: pulumi.Input<string>;
  };

const provider = dynamicProvider("alibaba:Txt2ImgInferenceJob");
const OUTPUTS = ["jobId", "jobStatus", "promptId", "resultImageIds", "resultImageUrls", "createTime"] as const;

/**
 * An aicontent personalized text-to-image inference job on a trained model. The API has neither an
 * idempotency token nor a user-data field: after an ambiguous failure the provider lists candidate jobs
 * instead of guessing or resubmitting.
 */
export class Txt2ImgInferenceJob extends JobResource {
  declare readonly jobId: pulumi.Output<string>;
  /** NOT_START, WAIT_SCHEDULE, RUNNING, FINISHED (or FAILED). */
  declare readonly jobStatus: pulumi.Output<string>;
  declare readonly promptId: pulumi.Output<string>;
  /** Image resource ids (`0000.png`...). */
  declare readonly resultImageIds: pulumi.Output<string[]>;
  /**
   * QueryImageAsset addresses of the images (a signed GET fetches them; see the sdk's
   * personalizedtxt2imgQueryImageAsset).
   */
  declare readonly resultImageUrls: pulumi.Output<string[]>;
  declare readonly createTime: pulumi.Output<string>;

  constructor(name: string, args: Txt2ImgInferenceJobArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      jobProps("alibaba:Txt2ImgInferenceJob", name, args, OUTPUTS),
      opts,
      "alibaba",
      "Txt2ImgInferenceJob",
    );
  }
}

import * as pulumi from "@pulumi/pulumi";
import type { CreateSceneAigcImageTaskRequest, tencentModels } from "../../../sdk";
import type { Camelize } from "../../casing";
import { dynamicProvider } from "../../dynamic-provider";
import { type ArgsOf, jobProps, JobResource, type JobResourceArgs } from "../job-resource";

/**
 * Arguments: CreateSceneAigcImageTask's fields in camelCase (`sceneInfo.aiTryOnConfig.model`,
 * `fileInfos`, `outputConfig.storageMode`...). `sessionId` defaults to the resource's idempotency key.
 */
export type SceneAigcImageTaskArgs = ArgsOf<CreateSceneAigcImageTaskRequest> &
  JobResourceArgs & {
    /** Adopt an existing task by TaskId instead of submitting one (dynamic resources cannot `import`). */
    adoptTaskId?: pulumi.Input<string>;
  };

const provider = dynamicProvider("tencent:SceneAigcImageTask");
const OUTPUTS = ["taskId", "outputFiles", "resultUrls", "fileIds", "createTime", "finishTime"] as const;

/**
 * A Tencent VOD scene AIGC image job (virtual try-on, product image, outpainting). `pulumi up` submits it
 * once (deduplicated by SessionId), waits for it and exposes the result. Jobs are immutable: changing a
 * submitted input replaces the resource with a new job. Temporary result URLs carry signatures and are
 * secret outputs unless `outputConfig.storageMode` is `Permanent`.
 */
export class SceneAigcImageTask extends JobResource {
  /** The VOD TaskId (also the resource id). */
  declare readonly taskId: pulumi.Output<string>;
  declare readonly outputFiles: pulumi.Output<Camelize<tencentModels.SceneAigcImageTaskOutputFileInfo>[]>;
  /** The FileUrl of every output image. */
  declare readonly resultUrls: pulumi.Output<string[]>;
  /** VOD FileIds of the outputs (Permanent storage only). */
  declare readonly fileIds: pulumi.Output<string[]>;
  declare readonly createTime: pulumi.Output<string>;
  declare readonly finishTime: pulumi.Output<string>;

  constructor(name: string, args: SceneAigcImageTaskArgs, opts?: pulumi.CustomResourceOptions) {
    const permanent = (args.outputConfig as { storageMode?: unknown } | undefined)?.storageMode === "Permanent";
    super(
      provider,
      name,
      jobProps("tencent:SceneAigcImageTask", name, args, OUTPUTS),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: permanent ? [] : ["resultUrls", "outputFiles"] }),
      "tencent",
      "SceneAigcImageTask",
    );
  }
}

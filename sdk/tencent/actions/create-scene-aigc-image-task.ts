import { z } from "zod";
import { respString } from "../../core/schema-helpers";
import { defineTencentAction } from "../action";
import {
  AigcImageSceneInfo,
  SceneAigcImageOutputConfig,
  SceneAigcImageTaskInputFileInfo,
  SessionContext,
  SessionId,
  SubAppId,
  TasksPriority,
} from "../models";

/**
 * How many input images each scene type takes (docs/vendor-notes/tencent-vod.md): one model photo for try-on
 * and the deprecated types, 1–10 photos of one product, one source image for outpainting.
 */
const INPUT_IMAGES: Record<string, [min: number, max: number]> = {
  ai_try_on: [1, 1],
  product_image: [1, 10],
  outpainting: [1, 1],
};

/**
 * CreateSceneAigcImageTask: a scenario AIGC image job — virtual try-on (`ai_try_on`), product shots
 * (`product_image`) or outpainting. Asynchronous (DescribeTaskDetail, TaskType SceneAigcImageTask).
 * Paid; deduplicated by SessionId. SubAppId is required by this API (a client's `subAppId` option fills it).
 * Fields documented for another scene type are accepted: `createSceneAigcImageTaskAdjustments` names them.
 */
export const CreateSceneAigcImageTaskRequest = z
  .strictObject({
    SubAppId,
    SceneInfo: AigcImageSceneInfo.describe("The scene, and the settings of its type."),
    FileInfos: z
      .array(SceneAigcImageTaskInputFileInfo)
      .optional()
      .describe(
        "The input images (jpeg, jpg, png or webp): exactly 1 model photo for try-on, 1 to 10 photos of the same " +
          "product for product_image, the source image for outpainting.",
      ),
    OutputConfig: SceneAigcImageOutputConfig.optional().describe("How the outputs are stored and encoded."),
    SessionId: SessionId.optional(),
    SessionContext: SessionContext.optional(),
    TasksPriority: TasksPriority.optional(),
    ExtInfo: z.string().optional().describe("Reserved by Tencent for special use."),
  })
  .superRefine((v, ctx) => {
    const type = v.SceneInfo?.Type;
    const range = type ? (INPUT_IMAGES[type] ?? [1, 1]) : undefined;
    if (range) {
      const n = v.FileInfos?.length ?? 0;
      const [min, max] = range;
      if (n < min || n > max) {
        ctx.addIssue({
          code: "custom",
          path: ["FileInfos"],
          message:
            min === max
              ? `must have exactly ${min} image for Type ${type}`
              : `must have ${min}–${max} images for Type ${type}`,
        });
      }
    }
  });
export type CreateSceneAigcImageTaskRequest = z.input<typeof CreateSceneAigcImageTaskRequest>;

/** The request as `TencentVodClient.createSceneAigcImageTask` takes it: the client's `subAppId` may fill SubAppId. */
export type CreateSceneAigcImageTaskCall = Omit<CreateSceneAigcImageTaskRequest, "SubAppId"> & { SubAppId?: number };

export const CreateSceneAigcImageTaskResponse = z.looseObject({
  TaskId: z.string().min(1),
  RequestId: respString,
});
export type CreateSceneAigcImageTaskResponse = z.output<typeof CreateSceneAigcImageTaskResponse>;

export const CreateSceneAigcImageTask = defineTencentAction({
  name: "CreateSceneAigcImageTask",
  request: CreateSceneAigcImageTaskRequest,
  response: CreateSceneAigcImageTaskResponse,
  kind: "create",
  vendorRateLimit: 20,
});

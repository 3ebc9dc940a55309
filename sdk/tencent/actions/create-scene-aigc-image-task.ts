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

/** How many input images each scene type takes (tencent-vod.md §8.4). */
const INPUT_IMAGES: Record<string, [min: number, max: number]> = {
  ai_try_on: [1, 1],
  product_image: [1, 10],
  outpainting: [1, 1],
};

/**
 * CreateSceneAigcImageTask: a scenario AIGC image job — virtual try-on (`ai_try_on`), product shots
 * (`product_image`) or outpainting. Asynchronous (DescribeTaskDetail, TaskType SceneAigcImageTask).
 * Paid; deduplicated by SessionId.
 */
export const CreateSceneAigcImageTaskRequest = z
  .strictObject({
    SubAppId: SubAppId.optional(),
    SceneInfo: AigcImageSceneInfo,
    /** Input images: try-on exactly 1 model photo; product_image 1–10 photos of one product. */
    FileInfos: z.array(SceneAigcImageTaskInputFileInfo).optional(),
    OutputConfig: SceneAigcImageOutputConfig.optional(),
    SessionId: SessionId.optional(),
    SessionContext: SessionContext.optional(),
    TasksPriority: TasksPriority.optional(),
    /** Reserved by Tencent for special use. */
    ExtInfo: z.string().optional(),
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
    const out = v.OutputConfig;
    if (out && type) {
      const only = (field: keyof typeof out, types: readonly string[]) => {
        if (out[field] !== undefined && !types.includes(type)) {
          ctx.addIssue({
            code: "custom",
            path: ["OutputConfig", field],
            message: `applies only to Type ${types.join(" or ")}`,
          });
        }
      };
      only("Resolution", ["ai_try_on"]);
      only("AspectRatio", ["product_image", "outpainting"]);
      only("ImageWidth", ["outpainting"]);
      only("ImageHeight", ["outpainting"]);
    }
  });
export type CreateSceneAigcImageTaskRequest = z.input<typeof CreateSceneAigcImageTaskRequest>;

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

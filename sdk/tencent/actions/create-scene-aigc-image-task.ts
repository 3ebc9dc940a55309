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

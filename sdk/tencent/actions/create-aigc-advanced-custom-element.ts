import { z } from "zod";
import { jsonStringField, respString } from "../../core/schema-helpers";
import { defineTencentAction } from "../action";
import {
  ElementImageListContent,
  ElementVideoListContent,
  SessionContext,
  SessionId,
  SubAppId,
  TagListContent,
  TasksPriority,
} from "../models";

/**
 * CreateAigcAdvancedCustomElement: starts building a reusable AIGC subject from reference images
 * (`image_refer`) or one reference video (`video_refer`). Asynchronous: the element id arrives through
 * DescribeTaskDetail (TaskType CreateAigcAdvancedCustomElement). Paid; deduplicated by SessionId.
 */
export const CreateAigcAdvancedCustomElementRequest = z
  .strictObject({
    SubAppId: SubAppId.optional(),
    /** ≤ 20 characters. */
    ElementName: z.string().max(20).optional(),
    /** ≤ 100 characters. */
    ElementDescription: z.string().max(100).optional(),
    ReferenceType: z.enum(["video_refer", "image_refer"]).optional(),
    /** Binds a voice from the voice library (video subjects). */
    ElementVoiceId: z.string().optional(),
    /** JSON: `{"refer_videos":[{"video_url":"…"}]}`; required for video_refer. */
    ElementVideoList: jsonStringField(ElementVideoListContent).optional(),
    /** JSON: `{"frontal_image":"…","refer_images":[{"image_url":"…"}]}`; required for image_refer. */
    ElementImageList: jsonStringField(ElementImageListContent).optional(),
    /** JSON: `[{"tag_id":"o_101"}]`. */
    TagList: jsonStringField(TagListContent).optional(),
    /** "True" selects the overseas custom-subject library. */
    DisableModeration: z.enum(["True", "False"]).optional(),
    SessionId: SessionId.optional(),
    SessionContext: SessionContext.optional(),
    TasksPriority: TasksPriority.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.ReferenceType === "video_refer" && v.ElementVideoList === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["ElementVideoList"],
        message: "is required when ReferenceType is video_refer",
      });
    }
    if (v.ReferenceType === "image_refer" && v.ElementImageList === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["ElementImageList"],
        message: "is required when ReferenceType is image_refer",
      });
    }
  });
export type CreateAigcAdvancedCustomElementRequest = z.input<typeof CreateAigcAdvancedCustomElementRequest>;

export const CreateAigcAdvancedCustomElementResponse = z.looseObject({
  TaskId: z.string().min(1),
  RequestId: respString,
});
export type CreateAigcAdvancedCustomElementResponse = z.output<typeof CreateAigcAdvancedCustomElementResponse>;

export const CreateAigcAdvancedCustomElement = defineTencentAction({
  name: "CreateAigcAdvancedCustomElement",
  request: CreateAigcAdvancedCustomElementRequest,
  response: CreateAigcAdvancedCustomElementResponse,
  kind: "create",
  vendorRateLimit: 20,
});

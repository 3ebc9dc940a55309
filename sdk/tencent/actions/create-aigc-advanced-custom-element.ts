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
    ElementName: z.string().max(20).optional().describe("The subject's name, up to 20 characters."),
    ElementDescription: z.string().max(100).optional().describe("The subject's description, up to 100 characters."),
    ReferenceType: z
      .enum(["video_refer", "image_refer"])
      .optional()
      .describe(
        "What defines the subject's look: `video_refer` (`elementVideoList`) or `image_refer` " +
          "(`elementImageList`). The two kinds of subject are usable in different places.",
      ),
    ElementVoiceId: z
      .string()
      .optional()
      .describe("A voice of the voice library to bind to the subject (video subjects only); empty: no voice."),
    ElementVideoList: jsonStringField(ElementVideoListContent)
      .optional()
      .describe(
        'The reference video, required for video_refer: `{"refer_videos":[{"video_url":"…"}]}`. A clip with ' +
          "speech also makes a voice for the subject.",
      ),
    ElementImageList: jsonStringField(ElementImageListContent)
      .optional()
      .describe(
        'The reference images, required for image_refer: `{"frontal_image":"…","refer_images":[{"image_url":"…"}]}`.',
      ),
    TagList: jsonStringField(TagListContent).optional().describe('The subject\'s tags: `[{"tag_id":"o_101"}]`.'),
    DisableModeration: z
      .enum(["True", "False"])
      .optional()
      .describe('"True" puts the subject in the overseas custom-subject library (where the account has one).'),
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

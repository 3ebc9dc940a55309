// Structures shared by several Tencent VOD actions (docs/vendor-notes/tencent-vod.md). Wire names as Tencent
// spells them.
// Request structures are strict (an unknown key is a typo, answered by Tencent with UnknownParameter);
// response structures are loose (unknown fields are kept) and lenient about null.
import { z } from "zod";
import { isoDateTime, respArray, respNumber, respString } from "../core/schema-helpers";

// ---- request building blocks ------------------------------------------------------------------------

/** VOD application id (uint64 on the wire). Mandatory for accounts that activated VOD after 2023-12-25. */
export const SubAppId = z
  .int()
  .min(1)
  .describe(
    "The VOD application (SubAppId) the job runs in. Accounts that activated VOD on or after 2023-12-25 must " +
      "name one for every call, default application included.",
  );
/** Dedup key: ≤ 50 characters; empty disables dedup. */
export const SessionId = z.string().max(50);
/** Pass-through text echoed in the task and its callback: ≤ 1000 characters. */
export const SessionContext = z
  .string()
  .max(1000)
  .describe("Free text of up to 1000 characters that VOD passes through: echoed in the task and its callback.");
/** −10 … 10, higher runs first. */
export const TasksPriority = z
  .int()
  .min(-10)
  .max(10)
  .describe("Queue priority from -10 to 10 (default 0); higher runs first.");

/** An input image: a VOD media file (`File` + FileId) or a reachable URL (`Url` + Url). */
export const SceneAigcImageTaskInputFileInfo = z
  .strictObject({
    Type: z
      .enum(["File", "Url"])
      .optional()
      .describe("`File`: a media file of VOD, named by `fileId`; `Url`: an image at a reachable `url`."),
    FileId: z
      .string()
      .optional()
      .describe("The VOD FileId of the image, used when `type` is File (or left out). Images under 7 MB are advised."),
    Url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe("An http(s) URL of the image (jpeg, jpg, png or webp), used when `type` is Url."),
  })
  .superRefine((v, ctx) => {
    // The official example sends only FileId (no Type); the server infers File.
    if (v.Type === "File" && !v.FileId)
      ctx.addIssue({ code: "custom", path: ["FileId"], message: "is required when Type is File" });
    if (v.Type === "Url" && !v.Url)
      ctx.addIssue({ code: "custom", path: ["Url"], message: "is required when Type is Url" });
    if (v.Type === undefined && !v.FileId && !v.Url) {
      ctx.addIssue({
        code: "custom",
        path: ["Type"],
        message: "is required: give Type File with FileId, or Type Url with Url",
      });
    }
  })
  .meta({ title: "InputFileInfo" });
export type SceneAigcImageTaskInputFileInfo = z.input<typeof SceneAigcImageTaskInputFileInfo>;

export const AI_TRY_ON_MODELS = ["WAND-tryon-1.0-lite", "WAND-tryon-1.0-flash", "WAND-tryon-1.0-pro"] as const;

export const AiTryOnConfig = z.strictObject({
  Model: z
    .enum(AI_TRY_ON_MODELS)
    .describe("The try-on model: `WAND-tryon-1.0-lite` (fastest), `-flash` (balanced) or `-pro` (best quality)."),
  ClothesFileInfos: z
    .array(SceneAigcImageTaskInputFileInfo)
    .min(1)
    .max(4)
    .optional()
    .describe("The garments to put on the model: 1 to 4 images."),
  Prompt: z.string().optional().describe('An instruction for the try-on, such as "button it up".'),
});

/**
 * Deprecated by Tencent in favour of AiTryOnConfig; kept for the change_clothes* scene types. The page gives
 * each type's maximum number of garments (checked with the Type), no minimum.
 */
export const ChangeClothesConfig = z.strictObject({
  ClothesFileInfos: z
    .array(SceneAigcImageTaskInputFileInfo)
    .optional()
    .describe("The garments: at most 4 for `change_clothes`, 1 for the other deprecated types."),
  Prompt: z.string().optional().describe("An instruction, honoured for `change_clothes` only."),
});

export const ProductImageConfig = z.strictObject({
  Prompt: z.string().optional().describe("The background to generate; when left out, the service makes one up."),
  NegativePrompt: z.string().optional().describe("What the images must not contain."),
  ProductDesc: z.string().optional().describe("A description of the product: the more detail, the better."),
  MoreRequirement: z.string().optional().describe("Any further requirements."),
  OutputImageCount: z.int().min(0).max(10).optional().describe("How many images to make, at most 10 (0 or unset: 1)."),
});

export const SCENE_TYPES = ["ai_try_on", "product_image", "outpainting"] as const;
/** No longer maintained by Tencent; accepted because the API still lists them. */
export const DEPRECATED_SCENE_TYPES = [
  "change_clothes",
  "change_clothes_under",
  "change_clothes_top_wear",
  "change_clothes_bottom_wear",
  "change_clothes_full_wear",
] as const;

export const AigcImageSceneInfo = z
  .strictObject({
    Type: z
      .enum([...SCENE_TYPES, ...DEPRECATED_SCENE_TYPES])
      .describe(
        "The scene: `ai_try_on` (virtual try-on), `product_image` (product shots) or `outpainting` (extend an " +
          "image). The `change_clothes*` types are deprecated by Tencent in favour of `ai_try_on`.",
      ),
    AiTryOnConfig: AiTryOnConfig.optional().describe("The try-on settings; required when `type` is ai_try_on."),
    ChangeClothesConfig: ChangeClothesConfig.optional().describe(
      "Deprecated (use `aiTryOnConfig`): required for `change_clothes` and `change_clothes_under`.",
    ),
    ProductImageConfig: ProductImageConfig.optional().describe(
      "The product image settings; required when `type` is product_image.",
    ),
  })
  .superRefine((v, ctx) => {
    // A config of another Type is not refused (the page documents no error for it): see
    // createSceneAigcImageTaskAdjustments, which warns that it has no effect.
    const need = (field: "AiTryOnConfig" | "ChangeClothesConfig" | "ProductImageConfig", when: string) => {
      if (!v[field]) ctx.addIssue({ code: "custom", path: [field], message: `is required when Type is ${when}` });
    };
    switch (v.Type) {
      case "ai_try_on":
        need("AiTryOnConfig", "ai_try_on");
        break;
      case "product_image":
        need("ProductImageConfig", "product_image");
        break;
      case "outpainting":
        break;
      default: {
        if (v.Type === "change_clothes" || v.Type === "change_clothes_under") need("ChangeClothesConfig", v.Type);
        const max = v.Type === "change_clothes" ? 4 : 1;
        const n = v.ChangeClothesConfig?.ClothesFileInfos?.length ?? 0;
        if (n > max) {
          ctx.addIssue({
            code: "custom",
            path: ["ChangeClothesConfig", "ClothesFileInfos"],
            message: `must have at most ${max} item${max === 1 ? "" : "s"} for Type ${v.Type}`,
          });
        }
      }
    }
  });

export const ASPECT_RATIOS = ["1:1", "3:2", "2:3", "3:4", "4:3", "4:5", "5:4", "16:9", "9:16", "21:9"] as const;

export const ImageSceneAigcEncodeConfig = z.strictObject({
  Format: z.enum(["JPEG", "PNG"]).optional().describe("`JPEG` or `PNG` (default: the source's format)."),
  Quality: z
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe("1 to 100, relative to the source's quality (default: the source's)."),
});

export const SceneAigcImageOutputConfig = z.strictObject({
  StorageMode: z
    .enum(["Temporary", "Permanent"])
    .optional()
    .describe("`Temporary` (default): only a signed URL valid for 7 days; `Permanent`: stored in VOD, with a FileId."),
  MediaName: z.string().max(64).optional().describe("The output file's name, up to 64 characters."),
  ClassId: z.int().min(0).optional().describe('The VOD category of the output (default 0, "other").'),
  ExpireTime: isoDateTime.optional().describe("When the output file expires, ISO 8601 (default: never)."),
  AspectRatio: z
    .enum(ASPECT_RATIOS)
    .optional()
    .describe("Width:height of the output, for product_image and outpainting."),
  EncodeConfig: ImageSceneAigcEncodeConfig.optional().describe("The output's format and quality."),
  ImageWidth: z
    .int()
    .min(0)
    .optional()
    .describe("Outpainting only: the output width in pixels (with the height, wins over `aspectRatio`)."),
  ImageHeight: z
    .int()
    .min(0)
    .optional()
    .describe("Outpainting only: the output height in pixels (with the width, wins over `aspectRatio`)."),
  Resolution: z.enum(["1K", "2K", "4K"]).optional().describe("ai_try_on only: `1K`, `2K` or `4K`."),
});

/** `{After, Before}`: ISO times, After inclusive, Before exclusive. */
export const TimeRange = z.strictObject({
  After: isoDateTime.optional(),
  Before: isoDateTime.optional(),
});

// ---- JSON-string contents of the element APIs (snake_case inside, as Tencent spells them) ------------

export const ElementImageListContent = z.strictObject({
  frontal_image: z.string().min(1).describe("The URL of the subject's frontal image."),
  refer_images: z
    .array(z.strictObject({ image_url: z.string().min(1).describe("The URL of the image.") }))
    .min(1)
    .max(3)
    .describe("1 to 3 more images that differ from the frontal one (other angles, close-ups)."),
});
export type ElementImageListContent = z.infer<typeof ElementImageListContent>;

export const ElementVideoListContent = z.strictObject({
  refer_videos: z
    .array(z.strictObject({ video_url: z.string().min(1).describe("The URL of the video.") }))
    .length(1)
    .describe("Exactly one video: MP4 or MOV, 3 to 8 s, 1080p at 16:9 or 9:16, at most 200 MB."),
});
export type ElementVideoListContent = z.infer<typeof ElementVideoListContent>;

export const TagListContent = z.array(
  z.strictObject({ tag_id: z.string().min(1).describe("A tag's id, such as `o_101`.") }),
);
export type TagListContent = z.infer<typeof TagListContent>;

// ---- response structures ------------------------------------------------------------------------------

export const MediaMetaData = z.looseObject({
  Size: respNumber,
  Container: respString,
  Bitrate: respNumber,
  Height: respNumber,
  Width: respNumber,
  Duration: respNumber,
  Rotate: respNumber,
  Md5: respString,
});

export const SceneAigcImageTaskOutputFileInfo = z.looseObject({
  StorageMode: respString,
  MediaName: respString,
  ClassId: respNumber,
  ExpireTime: respString,
  FileType: respString,
  FileUrl: respString,
  /** Only for Permanent storage; "" otherwise. */
  FileId: respString,
  MetaData: MediaMetaData.nullish(),
});
export type SceneAigcImageTaskOutputFileInfo = z.output<typeof SceneAigcImageTaskOutputFileInfo>;

/** The `SceneAigcImageTask` object of DescribeTaskDetail (and of its completion event). */
export const SceneAigcImageTask = z.looseObject({
  TaskId: respString,
  /** PROCESSING or FINISH. FINISH is not success: check ErrCode. */
  Status: respString,
  ErrCode: respNumber,
  Message: respString,
  Progress: respNumber,
  Input: z.looseObject({}).nullish(),
  Output: z.looseObject({ FileInfos: respArray(SceneAigcImageTaskOutputFileInfo) }).nullish(),
  SessionId: respString,
  SessionContext: respString,
});
export type SceneAigcImageTask = z.output<typeof SceneAigcImageTask>;

export const AdvancedElementInfo = z.looseObject({
  ElementId: respString,
  /** JSON text with snake_case keys (element_id, element_name, status, ...). */
  ElementInfo: respString,
});
export type AdvancedElementInfo = z.output<typeof AdvancedElementInfo>;

/** The `CreateAigcAdvancedCustomElementTask` object of DescribeTaskDetail. */
export const CreateAigcAdvancedCustomElementTask = z.looseObject({
  TaskId: respString,
  Status: respString,
  ErrCode: respNumber,
  /** "" means success; anything else is a failure code. */
  ErrCodeExt: respString,
  Message: respString,
  Progress: respNumber,
  Input: z.looseObject({}).nullish(),
  Output: z.looseObject({ InfoList: respArray(AdvancedElementInfo) }).nullish(),
  SessionId: respString,
  SessionContext: respString,
});
export type CreateAigcAdvancedCustomElementTask = z.output<typeof CreateAigcAdvancedCustomElementTask>;

export const AigcAdvancedCustomElementInfo = z.looseObject({
  Id: respString,
  Name: respString,
  VoiceId: respString,
  Description: respString,
  CreateTime: respString,
});
export type AigcAdvancedCustomElementInfo = z.output<typeof AigcAdvancedCustomElementInfo>;

export const TaskSimpleInfo = z.looseObject({
  TaskId: respString,
  Status: respString,
  FileId: respString,
  TaskType: respString,
  CreateTime: respString,
  BeginProcessTime: respString,
  FinishTime: respString,
  SessionId: respString,
  SessionContext: respString,
});
export type TaskSimpleInfo = z.output<typeof TaskSimpleInfo>;

/** Top-level task status of DescribeTaskDetail / DescribeTasks. */
export const TASK_STATUSES = ["WAITING", "PROCESSING", "FINISH", "ABORTED"] as const;

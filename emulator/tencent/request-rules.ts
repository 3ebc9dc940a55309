// Tencent VOD request tables, written from the vendor's API pages and API metadata as summarised in
// docs/vendor-notes/tencent-vod.md ("Request rules"). They are the emulator's own: the sdk's schemas are
// never consulted, so a wrong rule on either side shows up as a failing test.
import {
  type ActionRules,
  arr,
  type CrossCheck,
  int,
  looseObj,
  type ObjectRule,
  req,
  str,
  strictObj,
} from "../validation/rules";

// ---- shared fields ----------------------------------------------------------------------------------------

/** uint64 on the wire; whether the application exists is a business check (InvalidParameterValue.SubAppId). */
const subAppId = int({ min: 0, code: "InvalidParameterValue.SubAppId" });
const sessionId = str({ maxLength: 50, code: "InvalidParameterValue.SessionIdTooLong" });
const sessionContext = str({ maxLength: 1000, code: "InvalidParameterValue.SessionContextTooLong" });
const tasksPriority = int({ min: -10, max: 10 });

/** One input image: a VOD media file (Type File + FileId) or a URL (Type Url + Url). */
const fileInfo = strictObj(
  { Type: str({ enum: ["File", "Url"] }), FileId: str(), Url: str({ url: true }) },
  {
    checks: [
      (v) => (v.Type === "File" && !v.FileId ? { path: ["FileId"], rule: "is required when Type is File" } : undefined),
      (v) => (v.Type === "Url" && !v.Url ? { path: ["Url"], rule: "is required when Type is Url" } : undefined),
      // The official example sends a bare FileId (no Type): a file or a URL must be named somehow.
      (v) =>
        v.Type === undefined && !v.FileId && !v.Url
          ? { path: ["Type"], rule: "is required: give Type File with FileId, or Type Url with Url" }
          : undefined,
    ],
  },
);

/** Scene types the page maintains. */
export const SCENE_TYPES = ["ai_try_on", "product_image", "outpainting"] as const;
/** Scene types the page marks deprecated, still accepted. */
export const DEPRECATED_SCENE_TYPES = [
  "change_clothes",
  "change_clothes_under",
  "change_clothes_top_wear",
  "change_clothes_bottom_wear",
  "change_clothes_full_wear",
] as const;

const requires =
  (type: string, field: string): CrossCheck =>
  (v) =>
    v.Type === type && v[field] === undefined ? { path: [field], rule: `is required when Type is ${type}` } : undefined;

/** Garments a deprecated change_clothes type takes at most. */
const clothesLimit: CrossCheck = (v) => {
  const type = String(v.Type);
  if (!type.startsWith("change_clothes")) return undefined;
  const max = type === "change_clothes" ? 4 : 1;
  const cfg = v.ChangeClothesConfig as { ClothesFileInfos?: unknown[] } | undefined;
  const n = cfg?.ClothesFileInfos?.length ?? 0;
  return n > max
    ? { path: ["ChangeClothesConfig", "ClothesFileInfos"], rule: `must have at most ${max} for Type ${type}` }
    : undefined;
};

const sceneInfo = strictObj(
  {
    Type: req(str({ enum: [...SCENE_TYPES, ...DEPRECATED_SCENE_TYPES] })),
    AiTryOnConfig: strictObj({
      Model: req(str({ enum: ["WAND-tryon-1.0-lite", "WAND-tryon-1.0-flash", "WAND-tryon-1.0-pro"] })),
      ClothesFileInfos: arr(fileInfo, { minItems: 1, maxItems: 4 }),
      Prompt: str(),
    }),
    ChangeClothesConfig: strictObj({ ClothesFileInfos: arr(fileInfo), Prompt: str() }),
    ProductImageConfig: strictObj({
      Prompt: str(),
      NegativePrompt: str(),
      ProductDesc: str(),
      MoreRequirement: str(),
      // uint64, "default 1, maximum 10".
      OutputImageCount: int({ min: 0, max: 10 }),
    }),
  },
  {
    checks: [
      requires("ai_try_on", "AiTryOnConfig"),
      requires("product_image", "ProductImageConfig"),
      requires("change_clothes", "ChangeClothesConfig"),
      requires("change_clothes_under", "ChangeClothesConfig"),
      clothesLimit,
    ],
  },
);

const outputConfig = strictObj({
  StorageMode: str({ enum: ["Temporary", "Permanent"] }),
  MediaName: str({ maxLength: 64 }),
  ClassId: int({ min: 0 }),
  ExpireTime: str({ isoDateTime: true }),
  AspectRatio: str({ enum: ["1:1", "3:2", "2:3", "3:4", "4:3", "4:5", "5:4", "16:9", "9:16", "21:9"] }),
  EncodeConfig: strictObj({ Format: str({ enum: ["JPEG", "PNG"] }), Quality: int({ min: 1, max: 100 }) }),
  ImageWidth: int({ min: 0 }),
  ImageHeight: int({ min: 0 }),
  Resolution: str({ enum: ["1K", "2K", "4K"] }),
});

/** Input images per scene type: try-on and the deprecated types 1 model photo, product_image 1–10. */
const INPUT_IMAGES: Record<string, readonly [number, number]> = { product_image: [1, 10] };
const inputImageCount: CrossCheck = (v) => {
  const type = (v.SceneInfo as { Type?: string } | undefined)?.Type;
  if (!type) return undefined;
  const [min, max] = INPUT_IMAGES[type] ?? [1, 1];
  const n = (v.FileInfos as unknown[] | undefined)?.length ?? 0;
  if (n >= min && n <= max) return undefined;
  return {
    path: ["FileInfos"],
    rule: min === max ? `must have exactly ${min} for Type ${type}` : `must have ${min} to ${max} for Type ${type}`,
  };
};

const timeRange = strictObj({ After: str({ isoDateTime: true }), Before: str({ isoDateTime: true }) });

// ---- JSON texts of the element API (snake_case keys inside) ----------------------------------------------

const elementVideoList = looseObj({
  refer_videos: req(arr(looseObj({ video_url: req(str({ minLength: 1 })) }), { minItems: 1, maxItems: 1 })),
});
const elementImageList = looseObj({
  frontal_image: req(str({ minLength: 1 })),
  refer_images: req(arr(looseObj({ image_url: req(str({ minLength: 1 })) }), { minItems: 1, maxItems: 3 })),
});
const tagList = arr(looseObj({ tag_id: req(str({ minLength: 1 })) }));

// ---- the actions ------------------------------------------------------------------------------------------

const table = (action: string, request: ObjectRule): ActionRules => ({ action, request });

/** Every Tencent action the emulator serves, by X-TC-Action. */
export const TENCENT_RULES: Readonly<Record<string, ActionRules>> = Object.fromEntries(
  [
    table(
      "CreateAigcAdvancedCustomElement",
      strictObj(
        {
          SubAppId: subAppId,
          ElementName: str({ maxLength: 20 }),
          ElementDescription: str({ maxLength: 100 }),
          ReferenceType: str({ enum: ["video_refer", "image_refer"] }),
          ElementVoiceId: str(),
          ElementVideoList: str({ json: elementVideoList }),
          ElementImageList: str({ json: elementImageList }),
          TagList: str({ json: tagList }),
          DisableModeration: str({ enum: ["True", "False"] }),
          SessionId: sessionId,
          SessionContext: sessionContext,
          TasksPriority: tasksPriority,
        },
        {
          checks: [
            (v) =>
              v.ReferenceType === "video_refer" && v.ElementVideoList === undefined
                ? { path: ["ElementVideoList"], rule: "is required when ReferenceType is video_refer" }
                : undefined,
            (v) =>
              v.ReferenceType === "image_refer" && v.ElementImageList === undefined
                ? { path: ["ElementImageList"], rule: "is required when ReferenceType is image_refer" }
                : undefined,
          ],
        },
      ),
    ),
    table(
      "CreateSceneAigcImageTask",
      strictObj(
        {
          SubAppId: req(subAppId),
          SceneInfo: req(sceneInfo),
          FileInfos: arr(fileInfo),
          OutputConfig: outputConfig,
          SessionId: sessionId,
          SessionContext: sessionContext,
          TasksPriority: tasksPriority,
          ExtInfo: str(),
        },
        { checks: [inputImageCount] },
      ),
    ),
    table(
      "DescribeAigcAdvancedCustomElements",
      strictObj(
        { SubAppId: req(subAppId), Offset: int({ min: 0 }), Limit: int({ min: 1, max: 300 }) },
        {
          checks: [
            (v) => {
              const limit = typeof v.Limit === "number" ? v.Limit : 10;
              return typeof v.Offset === "number" && v.Offset % limit !== 0
                ? { path: ["Offset"], rule: `must be a multiple of Limit (${limit})` }
                : undefined;
            },
          ],
        },
      ),
    ),
    table(
      "DeleteAigcAdvancedCustomElement",
      strictObj({ SubAppId: req(subAppId), ElementId: req(str({ minLength: 1 })) }),
    ),
    table("DescribeTaskDetail", strictObj({ TaskId: req(str({ minLength: 1 })), SubAppId: subAppId })),
    table(
      "DescribeTasks",
      strictObj({
        SubAppId: subAppId,
        Status: str({ enum: ["WAITING", "PROCESSING", "FINISH"], code: "InvalidParameterValue.Status" }),
        FileId: str(),
        CreateTime: timeRange,
        FinishTime: timeRange,
        Sort: strictObj({
          Field: req(str({ enum: ["CreateTime", "FinishTime"] })),
          Order: req(str({ enum: ["Asc", "Desc"] })),
        }),
        // uint64, "default 10, maximum 100": 0 reads as the default.
        Limit: int({ min: 0, max: 100 }),
        ScrollToken: str(),
      }),
    ),
  ].map((t) => [t.action, t]),
);

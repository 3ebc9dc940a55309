// Verified recovery: before a task found by its SessionId is adopted, the input Tencent recorded for it
// (DescribeTaskDetail's `Input`) must match the request. See docs/vendor-notes/tencent-vod-task-input-echo.md
// for how Tencent echoes unset values.
import { diffFields, echoedFields, type FieldRule, json, list, object, scalar, time } from "../core/input-diff";
import type { CreateAigcAdvancedCustomElementRequest, CreateSceneAigcImageTaskRequest } from "./actions";

/** Tencent echoes an input image with its Type, inferred from FileId or Url when the request left it out. */
const FILE_INFO = object(
  { Type: scalar(), FileId: scalar(), Url: scalar() },
  { normalize: (f) => ({ ...f, Type: f.Type || (f.FileId ? "File" : f.Url ? "Url" : "") }) },
);

const SCENE_INPUT: FieldRule = object({
  SceneInfo: object({
    Type: scalar(),
    AiTryOnConfig: object({ Model: scalar(), ClothesFileInfos: list(FILE_INFO), Prompt: scalar() }),
    ChangeClothesConfig: object({ ClothesFileInfos: list(FILE_INFO), Prompt: scalar() }),
    ProductImageConfig: object({
      Prompt: scalar(),
      NegativePrompt: scalar(),
      ProductDesc: scalar(),
      MoreRequirement: scalar(),
      OutputImageCount: scalar({ default: 1 }),
    }),
  }),
  FileInfos: list(FILE_INFO),
  OutputConfig: object({
    StorageMode: scalar({ default: "Temporary" }),
    MediaName: scalar(),
    ClassId: scalar(),
    ExpireTime: time(),
    AspectRatio: scalar(),
    EncodeConfig: object({ Format: scalar(), Quality: scalar() }),
    ImageWidth: scalar(),
    ImageHeight: scalar(),
    Resolution: scalar(),
  }),
});

const CUSTOM_ELEMENT_INPUT: FieldRule = object({
  ElementName: scalar(),
  ElementDescription: scalar(),
  ReferenceType: scalar(),
  ElementVoiceId: scalar(),
  ElementVideoList: json(),
  ElementImageList: json(),
  TagList: json(),
});

/**
 * The fields (SceneInfo, FileInfos, OutputConfig, as dotted paths such as `FileInfos.0.Url`) where a scene
 * image task's recorded input differs from `request`; empty when they match. Unset values as Tencent echoes
 * them ("", 0, null, a zero ExpireTime), documented defaults (StorageMode Temporary, OutputImageCount 1) and
 * an inferred FileInfos Type do not count. Names only fields, never values (inputs may hold presigned URLs).
 * @param recorded `SceneAigcImageTask.Input` of DescribeTaskDetail.
 */
export function diffSceneImageTaskInput(request: CreateSceneAigcImageTaskRequest, recorded: unknown): string[] {
  return diffFields(SCENE_INPUT, request, recorded);
}

/**
 * The fields where a custom element task's recorded input differs from `request`; empty when they match.
 * ElementVideoList, ElementImageList and TagList compare as parsed JSON (spacing and key order do not
 * count); unset strings echo as "".
 * @param recorded `CreateAigcAdvancedCustomElementTask.Input` of DescribeTaskDetail.
 */
export function diffCustomElementTaskInput(
  request: CreateAigcAdvancedCustomElementRequest,
  recorded: unknown,
): string[] {
  return diffFields(CUSTOM_ELEMENT_INPUT, request, recorded);
}

/**
 * The request fields a scene image task's recorded input holds (`pulumi import`), with wire names: SceneInfo,
 * FileInfos and OutputConfig, unset values and documented defaults left out. SessionId, SessionContext,
 * TasksPriority and SubAppId are not recorded.
 * @param recorded `SceneAigcImageTask.Input` of DescribeTaskDetail.
 */
export function sceneImageTaskEchoedRequest(recorded: unknown): Partial<CreateSceneAigcImageTaskRequest> {
  return echoedFields(SCENE_INPUT, recorded);
}

/**
 * The request fields a custom element task's recorded input holds (`pulumi import`), with wire names; the three
 * list fields as the JSON text Tencent recorded. SessionId, SessionContext, TasksPriority and SubAppId are not
 * recorded.
 * @param recorded `CreateAigcAdvancedCustomElementTask.Input` of DescribeTaskDetail.
 */
export function customElementTaskEchoedRequest(recorded: unknown): Partial<CreateAigcAdvancedCustomElementRequest> {
  return echoedFields(CUSTOM_ELEMENT_INPUT, recorded);
}

import { createHash } from "node:crypto";
import { isoSeconds } from "../clock";
import type { EmulatorContext } from "../context";
import { digits } from "../ids";
import { jobPhase } from "../job-timeline";

export type TencentTaskType = "SceneAigcImageTask" | "CreateAigcAdvancedCustomElement";

/** A Tencent task as the emulator stores it: the request, the timeline, and its outcome decided up front. */
export interface TencentTaskRecord {
  TaskId: string;
  TaskType: TencentTaskType;
  SubAppId: number;
  createdAt: number;
  latencyMs: number;
  /** Set when the task will fail; ErrCode for scene images, ErrCodeExt (+ ErrCode) for elements. */
  failure?: { ErrCode: number; ErrCodeExt: string; Message: string } | undefined;
  request: Record<string, unknown>;
  SessionId: string;
  SessionContext: string;
  /** Scene image outputs (decided at creation). */
  files: Array<{ index: number; FileId: string; width: number; height: number }>;
  /** Element id (decided at creation; exists once the task succeeds). */
  elementId?: string | undefined;
  /** Admin: the vendor no longer returns this task. */
  expired?: boolean | undefined;
  /** Admin: bumps the signature of temporary URLs. */
  urlVersion?: number | undefined;
}

/** Tasks are visible to DescribeTaskDetail / DescribeTasks for 3 days. */
export const TASK_VISIBILITY_MS = 3 * 24 * 3600_000;

/** Real task-level failures seen for AIGC image tasks (docs/vendor-notes/tencent-vod.md, task outcomes). */
const SCENE_FAILURES = [
  {
    ErrCode: 70000,
    ErrCodeExt: "",
    Message: "RequestLimitExceeded GenerateImage task reached the maximum concurrency",
  },
  { ErrCode: 70000, ErrCodeExt: "", Message: "InvalidParameter.VoilationContent Input Prompt violates policy" },
  { ErrCode: 60000, ErrCodeExt: "", Message: "source file error: the input image could not be read" },
  { ErrCode: 40000, ErrCodeExt: "", Message: "invalid input parameters" },
];

/** The failure a task will end with: from an `emulator:fail[=CODE]` directive, or the failure-ratio dice. */
export function decideFailure(
  ctx: EmulatorContext,
  type: TencentTaskType,
  directive: string | true | undefined,
): TencentTaskRecord["failure"] {
  if (directive === undefined && !(ctx.random() < ctx.config.failureRatio)) return undefined;
  if (type === "CreateAigcAdvancedCustomElement") {
    const ext = typeof directive === "string" && !/^\d+$/.test(directive) ? directive : "FailedOperation";
    return {
      ErrCode: typeof directive === "string" && /^\d+$/.test(directive) ? Number(directive) : 70000,
      ErrCodeExt: ext,
      Message: "Video URL is invalid",
    };
  }
  if (typeof directive === "string") {
    const code = /^\d+$/.test(directive) ? Number(directive) : 70000;
    return {
      ErrCode: code,
      ErrCodeExt: "",
      Message: code === 70000 && !/^\d+$/.test(directive) ? directive : `emulated failure ${code}`,
    };
  }
  return SCENE_FAILURES[Math.floor(ctx.random() * SCENE_FAILURES.length)]!;
}

/** Output image size for the request (the emulator serves previews at most 512 px wide). */
export function outputSize(request: Record<string, unknown>): { width: number; height: number } {
  const out = (request.OutputConfig ?? {}) as { AspectRatio?: string };
  const [w, h] = (out.AspectRatio ?? "1:1").split(":").map(Number) as [number, number];
  return { width: 512, height: Math.max(1, Math.round((512 * h) / w)) };
}

/** How many images a scene task produces: OutputImageCount for product_image (0 or absent: the default 1), else 1. */
export function outputCount(request: Record<string, unknown>): number {
  const scene = request.SceneInfo as { Type?: string; ProductImageConfig?: { OutputImageCount?: number } };
  return scene?.Type === "product_image" ? scene.ProductImageConfig?.OutputImageCount || 1 : 1;
}

export function newFiles(request: Record<string, unknown>): TencentTaskRecord["files"] {
  const { width, height } = outputSize(request);
  const permanent = (request.OutputConfig as { StorageMode?: string } | undefined)?.StorageMode === "Permanent";
  return Array.from({ length: outputCount(request) }, (_, index) => ({
    index,
    FileId: permanent ? digits(19) : "",
    width,
    height,
  }));
}

export function isVisible(t: TencentTaskRecord, now: number): boolean {
  return !t.expired && now - t.createdAt <= TASK_VISIBILITY_MS;
}

function fileUrl(
  ctx: EmulatorContext,
  t: TencentTaskRecord,
  index: number,
  permanent: boolean,
  finishedAt: number,
): string {
  const base = `${ctx.baseUrl()}/files/tencent/${t.SubAppId}/${t.TaskId}/${index}/aigcImageGenFile.png`;
  if (permanent) return base;
  // Temporary outputs carry an expiring signature, like VOD's anti-leech URLs. It is a function of the file,
  // the expiry and the URL version (as a keyed signature is), so every read returns the same URL until the
  // admin API rotates it, and the emulator's console can show the URL a stack output holds.
  const expiry = Math.floor((finishedAt + 7 * 24 * 3600_000) / 1000).toString(16);
  const version = t.urlVersion ? `&v=${t.urlVersion}` : "";
  const sign = createHash("sha256").update(`${base}\n${expiry}\n${version}`).digest("hex").slice(0, 32);
  return `${base}?t=${expiry}&sign=${sign}${version}`;
}

function echoFileInfo(f: Record<string, unknown>) {
  return { Type: f.Type ?? (f.FileId ? "File" : "Url"), FileId: f.FileId ?? "", Url: f.Url ?? "" };
}

function echoSceneInput(req: Record<string, unknown>) {
  const scene = (req.SceneInfo ?? {}) as Record<string, Record<string, unknown> | string | undefined>;
  const cfg = (k: string) => {
    const c = scene[k] as Record<string, unknown> | undefined;
    if (!c) return null;
    return {
      ...c,
      ...(Array.isArray(c.ClothesFileInfos)
        ? { ClothesFileInfos: (c.ClothesFileInfos as Record<string, unknown>[]).map(echoFileInfo) }
        : {}),
    };
  };
  const out = (req.OutputConfig ?? {}) as Record<string, unknown>;
  return {
    SceneInfo: {
      Type: scene.Type,
      AiTryOnConfig: cfg("AiTryOnConfig"),
      ChangeClothesConfig: cfg("ChangeClothesConfig"),
      ProductImageConfig: cfg("ProductImageConfig"),
    },
    FileInfos: ((req.FileInfos ?? []) as Record<string, unknown>[]).map(echoFileInfo),
    OutputConfig: {
      StorageMode: out.StorageMode ?? "Temporary",
      MediaName: out.MediaName ?? "",
      ClassId: out.ClassId ?? 0,
      ExpireTime: out.ExpireTime ?? "0000-00-00T00:00:00Z",
      AspectRatio: out.AspectRatio ?? "",
      EncodeConfig: out.EncodeConfig ?? null,
      ImageWidth: out.ImageWidth ?? 0,
      ImageHeight: out.ImageHeight ?? 0,
      Resolution: out.Resolution ?? "",
    },
  };
}

/** The `ElementInfo` JSON text; element_id is written as a bare number, as Tencent does. */
function elementInfoText(t: TencentTaskRecord): string {
  const req = t.request;
  const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : null);
  const rest = JSON.stringify({
    element_name: req.ElementName ?? "",
    element_type: req.ReferenceType ?? "image_refer",
    element_image_list: parse(req.ElementImageList),
    element_video_list: parse(req.ElementVideoList),
    owned_by: String(t.SubAppId),
    status: "succeed",
  });
  return `{"element_id":${t.elementId},${rest.slice(1)}`;
}

/** Every sub-task field of DescribeTaskDetail, in SDK order (all null but the matching one). */
const SUBTASK_FIELDS = [
  "ProcedureTask",
  "EditMediaTask",
  "WechatPublishTask",
  "ComposeMediaTask",
  "SplitMediaTask",
  "WechatMiniProgramPublishTask",
  "PullUploadTask",
  "TranscodeTask",
  "ConcatTask",
  "ClipTask",
  "CreateImageSpriteTask",
  "SnapshotByTimeOffsetTask",
  "RemoveWatermarkTask",
  "RebuildMediaTask",
  "ExtractTraceWatermarkTask",
  "ExtractCopyRightWatermarkTask",
  "ReviewAudioVideoTask",
  "ReduceMediaBitrateTask",
  "DescribeFileAttributesTask",
  "QualityInspectTask",
  "QualityEnhanceTask",
  "ComplexAdaptiveDynamicStreamingTask",
  "ProcessMediaByMPSTask",
  "AigcImageTask",
  "AigcVideoTask",
  "ImportMediaKnowledge",
  "SceneAigcImageTask",
  "SceneAigcVideoTask",
  "ProcessImageAsyncTask",
  "ExtractBlindWatermarkTask",
  "CreateAigcAdvancedCustomElementTask",
  "CreateAigcCustomVoiceTask",
  "CreateAigcSubjectTask",
  "AigcVideoRedrawTask",
  "AigcAudioTask",
  "CreateAigcAudioCloneTask",
  "DescribeAigcFaceInfoAsyncTask",
] as const;

/** The task's top-level status and times at `now`. */
export function taskStatus(t: TencentTaskRecord, now: number) {
  const p = jobPhase(t, now);
  const status = p.stage === "done" ? "FINISH" : p.stage === "running" ? "PROCESSING" : "WAITING";
  return {
    phase: p,
    Status: status,
    CreateTime: isoSeconds(t.createdAt),
    BeginProcessTime: p.startedAt !== undefined ? isoSeconds(p.startedAt) : "",
    FinishTime: p.finishedAt !== undefined ? isoSeconds(p.finishedAt) : "",
  };
}

/**
 * Renders DescribeTaskDetail for a task at `now`: every sub-task field present, null but the matching one
 * (docs/vendor-notes/tencent-vod.md, DescribeTaskDetail).
 */
export function describeTaskDetail(ctx: EmulatorContext, t: TencentTaskRecord, now: number): Record<string, unknown> {
  const s = taskStatus(t, now);
  const done = s.phase.stage === "done";
  const sub: Record<string, unknown> = {
    TaskId: t.TaskId,
    Status: done ? "FINISH" : "PROCESSING",
    ErrCode: done && t.failure ? t.failure.ErrCode : 0,
    Message: done && t.failure ? t.failure.Message : "",
    Progress: s.phase.progress,
  };
  const fields: Record<string, unknown> = Object.fromEntries(SUBTASK_FIELDS.map((f) => [f, null]));
  if (t.TaskType === "SceneAigcImageTask") {
    const permanent = (t.request.OutputConfig as { StorageMode?: string } | undefined)?.StorageMode === "Permanent";
    const finishedAt = s.phase.finishedAt ?? now;
    const files =
      done && !t.failure
        ? t.files.map((f) => ({
            StorageMode: permanent ? "Permanent" : "Temporary",
            MediaName: permanent ? String((t.request.OutputConfig as { MediaName?: string }).MediaName ?? "") : "",
            ClassId: permanent ? Number((t.request.OutputConfig as { ClassId?: number }).ClassId ?? 0) : 0,
            ExpireTime: permanent ? "" : isoSeconds(finishedAt + 7 * 24 * 3600_000),
            FileType: "png",
            FileUrl: fileUrl(ctx, t, f.index, permanent, finishedAt),
            FileId: f.FileId,
            MetaData: permanent
              ? {
                  Size: 0,
                  Container: "png",
                  Bitrate: 0,
                  Height: f.height,
                  Width: f.width,
                  Duration: 0,
                  Rotate: 0,
                  VideoStreamSet: [],
                  AudioStreamSet: [],
                  VideoDuration: 0,
                  AudioDuration: 0,
                  Md5: "",
                }
              : null,
          }))
        : [];
    fields.SceneAigcImageTask = {
      ...sub,
      Input: echoSceneInput(t.request),
      Output: { FileInfos: files },
      SessionId: t.SessionId,
      SessionContext: t.SessionContext,
    };
  } else {
    const req = t.request;
    fields.CreateAigcAdvancedCustomElementTask = {
      ...sub,
      ErrCodeExt: done && t.failure ? t.failure.ErrCodeExt : "",
      Input: {
        ElementName: req.ElementName ?? "",
        ElementDescription: req.ElementDescription ?? "",
        ReferenceType: req.ReferenceType ?? "",
        ElementVoiceId: req.ElementVoiceId ?? "",
        ElementVideoList: req.ElementVideoList ?? "",
        ElementImageList: req.ElementImageList ?? "",
        TagList: req.TagList ?? "",
      },
      Output: { InfoList: done && !t.failure ? [{ ElementId: t.elementId, ElementInfo: elementInfoText(t) }] : [] },
      SessionId: t.SessionId,
      SessionContext: t.SessionContext,
    };
  }
  return {
    TaskType: t.TaskType,
    Status: s.Status,
    CreateTime: s.CreateTime,
    BeginProcessTime: s.BeginProcessTime,
    FinishTime: s.FinishTime,
    ...fields,
  };
}

/** True when an element task has finished successfully (its element exists). */
export function elementExists(t: TencentTaskRecord, now: number): boolean {
  return t.TaskType === "CreateAigcAdvancedCustomElement" && !t.failure && jobPhase(t, now).stage === "done";
}

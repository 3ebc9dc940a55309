import { type AicJobRecord, renderInferenceJob } from "./alibaba/aicontent-api";
import { type IceJobRecord, renderIceJob } from "./alibaba/ice-jobs";
import { renderVodJob, type VodJobRecord } from "./alibaba/vod-jobs";
import { isoSeconds } from "./clock";
import type { EmulatorContext } from "./context";
import { type JobTimeline, jobPhase } from "./job-timeline";
import type { RecordKind } from "./store";
import { describeTaskDetail, type TencentTaskRecord } from "./tencent/tasks";

// The admin view of every job: what the console shows and drills count. Statuses and output addresses come
// from the same functions that render the vendors' answers, so the console shows what a client was told.

/** One output file of a job, as the vendor reports it. */
export interface AdminJobOutput {
  readonly index: number;
  /** The address the vendor returns: what a client, and so a stack output, holds. */
  readonly url: string;
  /** `image`, `video`, `audio` or `other`, from the file's extension (aicontent images are images). */
  readonly media: "image" | "video" | "audio" | "other";
  /**
   * Where the console loads the image from: the URL itself, or for aicontent (whose QueryImageAsset
   * address needs a signed GET) the admin route `/__emulator/preview/aicontent/<job>/<image>`.
   */
  readonly previewUrl?: string | undefined;
  /** VOD media id of a permanently stored Tencent output. */
  readonly fileId?: string | undefined;
}

/** One job or task as the admin API lists it. */
export interface AdminJob {
  vendor: "tencent" | "alibaba";
  service: "vod" | "ice" | "aicontent";
  /** Tencent TaskType, `AIImageJob`, the ICE FunctionName, or `InferenceJob`. */
  kind: string;
  id: string;
  /** The emulator's lifecycle stage: queued, running, done, cancelled, or expired (admin). */
  stage: string;
  /** The vendor's own status word now (FINISH, success, Success, FINISHED, ...). */
  status: string;
  /** 0–100. */
  progress: number;
  createdAt: string;
  /** When it finished or was cancelled (emulator clock). */
  finishedAt?: string | undefined;
  /** The vendor's failure code and message, when the job failed. */
  failure?: string | undefined;
  /** What a client can use to tell its jobs apart: SessionId, UserData, Name, prompt. */
  sessionId?: string | undefined;
  userData?: string | undefined;
  name?: string | undefined;
  prompt?: string | undefined;
  /** The request that created it, in the vendor's field names (JSON-text fields parsed). */
  request: Record<string, unknown>;
  /** Result files, once the vendor reports them. */
  outputs: AdminJobOutput[];
  /** Results that are not files: an element id, an ICE Result text. */
  result?: string | undefined;
}

/** `.png` → image, `.mp4` → video...; the console shows images and links the rest. */
function mediaOf(url: string): AdminJobOutput["media"] {
  const ext = /\.([a-z0-9]+)(?:\?|$)/i.exec(url)?.[1]?.toLowerCase() ?? "";
  if (["png", "jpg", "jpeg", "gif", "webp"].includes(ext)) return "image";
  if (["mp4", "mov", "m3u8", "flv"].includes(ext)) return "video";
  if (["mp3", "wav", "m4a", "aac"].includes(ext)) return "audio";
  return "other";
}

const fileOutput = (url: string, index: number, fileId?: string): AdminJobOutput => {
  const media = mediaOf(url);
  return { index, url, media, previewUrl: media === "image" ? url : undefined, fileId: fileId || undefined };
};

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Drops empty strings and undefined, so a request reads as it was sent. */
function present(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ""));
}

/** Stage, progress and finish time shared by every kind. */
function timeline(t: JobTimeline & { expired?: boolean | undefined }, now: number) {
  const p = jobPhase(t, now);
  const ended = p.stage === "done" || p.stage === "cancelled";
  return {
    stage: t.expired ? "expired" : p.stage,
    progress: p.progress,
    createdAt: isoSeconds(t.createdAt),
    finishedAt: ended && p.finishedAt !== undefined ? isoSeconds(p.finishedAt) : undefined,
  };
}

function tencentJob(ctx: EmulatorContext, t: TencentTaskRecord, now: number): AdminJob {
  const detail = describeTaskDetail(ctx, t, now);
  const sub = (detail.SceneAigcImageTask ?? detail.CreateAigcAdvancedCustomElementTask) as {
    ErrCode: number;
    Message: string;
    ErrCodeExt?: string;
    Output: {
      FileInfos?: Array<{ FileUrl: string; FileId: string }>;
      InfoList?: Array<{ ElementId: string }>;
    };
  };
  const failed = sub.ErrCode !== 0;
  return {
    vendor: "tencent",
    service: "vod",
    kind: t.TaskType,
    id: t.TaskId,
    ...timeline(t, now),
    status: String(detail.Status),
    failure: failed ? `${sub.ErrCodeExt || sub.ErrCode}: ${sub.Message}` : undefined,
    sessionId: t.SessionId,
    userData: t.SessionContext,
    name: String(t.request.ElementName ?? ""),
    request: t.request,
    outputs: (sub.Output.FileInfos ?? []).map((f, i) => fileOutput(f.FileUrl, i, f.FileId)),
    result: sub.Output.InfoList?.[0] ? `ElementId ${sub.Output.InfoList[0].ElementId}` : undefined,
  };
}

function vodJob(ctx: EmulatorContext, j: VodJobRecord, now: number): AdminJob {
  const view = renderVodJob(ctx, j, now);
  const images = view.AIImageResult ? (JSON.parse(String(view.AIImageResult)) as Array<{ Url: string }>) : [];
  return {
    vendor: "alibaba",
    service: "vod",
    kind: "AIImageJob",
    id: j.JobId,
    ...timeline(j, now),
    status: String(view.Status),
    failure: view.Status === "fail" ? `${view.Code}: ${view.Message}` : undefined,
    userData: j.UserData,
    request: present({
      VideoId: j.VideoId,
      AITemplateId: j.TemplateId,
      AIPipelineId: j.PipelineId,
      UserData: j.UserData ? parsed(j.UserData) : undefined,
    }),
    outputs: images.map((img, i) => fileOutput(img.Url, i)),
  };
}

function iceJob(ctx: EmulatorContext, j: IceJobRecord, now: number): AdminJob {
  const view = renderIceJob(ctx, j, now);
  const result = String(view.Result ?? "");
  const urls = view.OutputUrls as string[];
  return {
    vendor: "alibaba",
    service: "ice",
    kind: j.FunctionName,
    id: j.JobId,
    ...timeline(j, now),
    status: String(view.Status),
    failure: view.Status === "Fail" ? "Fail" : undefined,
    userData: j.UserData,
    name: j.Name,
    request: present({
      FunctionName: j.FunctionName,
      Name: j.Name,
      Input: j.Input,
      Output: j.Output,
      TemplateId: j.TemplateId,
      JobParams: j.JobParams ? parsed(j.JobParams) : undefined,
      ScheduleConfig: j.ScheduleConfig,
      UserData: j.UserData ? parsed(j.UserData) : undefined,
    }),
    outputs: urls.map((u, i) => fileOutput(u, i)),
    // Results that are files are shown as files; analysis results (JSON) as text.
    result: urls.length === 0 && result && result !== "{}" && result !== "[]" ? result : undefined,
  };
}

/** The QueryImageAsset address of an aicontent image, with its query in sorted, encoded form. */
export function queryImageAssetUrl(base: string, j: AicJobRecord, imageId: string): string {
  const qs = [
    ["imageId", imageId],
    ["modelId", j.modelId],
    ["promptId", j.promptId],
  ]
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join("&");
  return `${base}/api/v1/personalizedtxt2img/queryImageAsset?${qs}`;
}

function aicJob(ctx: EmulatorContext, j: AicJobRecord, now: number): AdminJob {
  const view = renderInferenceJob(j, now);
  const ids = (view.resultImageUrl as string[] | null) ?? [];
  return {
    vendor: "alibaba",
    service: "aicontent",
    kind: "InferenceJob",
    id: j.id,
    ...timeline(j, now),
    status: String(view.jobStatus),
    failure: view.jobStatus === "FAILED" ? "FAILED" : undefined,
    prompt: j.prompt,
    request: present({ modelId: j.modelId, prompt: j.prompt, imageNumber: j.imageNumber, seed: j.seed }),
    outputs: ids.map((id, index) => ({
      index,
      url: queryImageAssetUrl(ctx.baseUrl(), j, id),
      media: "image" as const,
      previewUrl: `/__emulator/preview/aicontent/${encodeURIComponent(j.id)}/${encodeURIComponent(id)}`,
    })),
  };
}

/** Where each kind of job is stored, how the admin API lists it, and its id field. */
export const JOB_KINDS: ReadonlyArray<{
  kind: RecordKind;
  key: string;
  list: (ctx: EmulatorContext, now: number) => AdminJob[];
}> = [
  {
    kind: "tencentTask",
    key: "TaskId",
    list: (ctx, now) => ctx.store.all<TencentTaskRecord>("tencentTask").map((t) => tencentJob(ctx, t, now)),
  },
  {
    kind: "vodJob",
    key: "JobId",
    list: (ctx, now) => ctx.store.all<VodJobRecord>("vodJob").map((j) => vodJob(ctx, j, now)),
  },
  {
    kind: "iceJob",
    key: "JobId",
    list: (ctx, now) => ctx.store.all<IceJobRecord>("iceJob").map((j) => iceJob(ctx, j, now)),
  },
  {
    kind: "aicJob",
    key: "id",
    list: (ctx, now) => ctx.store.all<AicJobRecord>("aicJob").map((j) => aicJob(ctx, j, now)),
  },
];

/** Every job, oldest first. */
export function listJobs(ctx: EmulatorContext, now: number): AdminJob[] {
  return JOB_KINDS.flatMap((k) => k.list(ctx, now)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

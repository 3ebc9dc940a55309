import type { AicJobRecord } from "./alibaba/aicontent-api";
import type { IceJobRecord } from "./alibaba/ice-jobs";
import type { VodJobRecord } from "./alibaba/vod-jobs";
import type { EmulatorContext } from "./context";
import { type EncodedImage, type ImageFormat, type ResultImageLabel, renderResultImage } from "./images/result-image";
import type { TencentTaskRecord } from "./tencent/tasks";
import type { VendorReply } from "./vendor-reply";

// Result files are drawn on request from the job they belong to: nothing is stored, and a restarted
// emulator serves the same bytes.

/** Video frames (VOD AI images, ICE covers) are 16:9; aicontent portraits are square. */
const FRAME = { width: 512, height: 288 };
const SQUARE = { width: 512, height: 512 };

/** What a Tencent scene task was asked for: its scene type, then the first prompt it carries. */
export function sceneCaption(request: Record<string, unknown>): string {
  const scene = (request.SceneInfo ?? {}) as Record<string, unknown>;
  const prompt = Object.values(scene)
    .map((v) => (v && typeof v === "object" ? (v as { Prompt?: unknown }).Prompt : undefined))
    .find((p): p is string => typeof p === "string" && p.length > 0);
  return `${String(scene.Type ?? "scene")}${prompt ? `: ${prompt}` : ""}`;
}

/** The label and size of one aicontent image (`imageId` is `0000.png`, `0001.png`...). */
export function aicontentImage(job: AicJobRecord, imageId: string): EncodedImage {
  const index = Number(/^(\d+)/.exec(imageId)?.[1] ?? 0);
  return renderResultImage(
    {
      vendor: "Alibaba aicontent",
      kind: "InferenceJob",
      jobId: job.id,
      index,
      count: job.imageNumber,
      caption: job.prompt,
    },
    SQUARE.width,
    SQUARE.height,
    "png",
  );
}

interface Located {
  readonly label: ResultImageLabel;
  readonly width: number;
  readonly height: number;
}

/** Finds the job a `/files/...` path belongs to, and what its image says and measures. */
function locate(ctx: EmulatorContext, parts: string[]): Located | undefined {
  const [service, ...rest] = parts;
  if (service === "tencent") {
    // /files/tencent/<SubAppId>/<TaskId>/<index>/<name>
    const t = ctx.store.get<TencentTaskRecord>("tencentTask", rest[1] ?? "");
    const index = Number(rest[2]);
    const file = t?.files.find((f) => f.index === index);
    if (!t || !file) return undefined;
    return {
      label: {
        vendor: "Tencent VOD",
        kind: t.TaskType,
        jobId: t.TaskId,
        index,
        count: t.files.length,
        caption: sceneCaption(t.request),
      },
      width: file.width,
      height: file.height,
    };
  }
  if (service === "vod") {
    // /files/vod/<VideoId>/image/ai/<JobId>-<00001>.png
    const m = /^([0-9a-f]+)-(\d+)\.\w+$/.exec(rest.at(-1) ?? "");
    const j = m ? ctx.store.get<VodJobRecord>("vodJob", m[1]!) : undefined;
    if (!j || !m) return undefined;
    const index = Number(m[2]) - 1;
    const score = j.scores[index];
    return {
      label: {
        vendor: "Alibaba VOD",
        kind: "AIImageJob",
        jobId: j.JobId,
        index,
        count: j.scores.length,
        caption: `cover of video ${j.VideoId.slice(0, 8)}${score === undefined ? "" : `, score ${score}`}`,
      },
      ...FRAME,
    };
  }
  if (service === "ice") {
    // /files/ice/<JobId>/<object path>
    const j = ctx.store.get<IceJobRecord>("iceJob", rest[0] ?? "");
    if (!j) return undefined;
    const index = Math.max(0, j.outputFiles.indexOf(rest.slice(1).join("/")));
    return {
      label: {
        vendor: "Alibaba ICE",
        kind: `IProductionJob ${j.FunctionName}`,
        jobId: j.JobId,
        index,
        count: Math.max(1, j.outputFiles.length),
        caption: j.Name || j.FunctionName,
      },
      ...FRAME,
    };
  }
  return undefined;
}

/**
 * A result file: images (`.png`, `.jpg`/`.jpeg`, and `.gif` drawn as PNG) are labelled with their job,
 * served with the content type of their extension; other outputs (video, audio) are a short text.
 */
export function serveResultFile(ctx: EmulatorContext, pathname: string): VendorReply {
  const ext = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase() ?? "";
  if (!["png", "jpg", "jpeg", "gif"].includes(ext)) {
    return {
      status: 200,
      body: `pulumi-aigc emulator: placeholder for ${pathname}\n`,
      contentType: "text/plain;charset=utf-8",
    };
  }
  const parts = pathname
    .replace(/^\/files\//, "")
    .split("/")
    .map(decodeURIComponent);
  const found = locate(ctx, parts) ?? {
    label: {
      vendor: parts[0] ?? "emulator",
      kind: "result file",
      jobId: "unknown",
      index: 0,
      count: 1,
      caption: parts.at(-1) ?? "",
    },
    ...SQUARE,
  };
  const format: ImageFormat = ext === "jpg" || ext === "jpeg" ? "jpeg" : "png";
  const image = renderResultImage(found.label, found.width, found.height, format);
  return { status: 200, body: image.body, contentType: image.contentType };
}

import { isoSeconds } from "../clock";
import type { EmulatorContext } from "../context";
import { jobPhase } from "../job-timeline";

/** A VOD AI image job as the emulator stores it. */
export interface VodJobRecord {
  JobId: string;
  VideoId: string;
  TemplateId: string;
  UserData: string;
  PipelineId: string;
  createdAt: number;
  latencyMs: number;
  failure?: { Code: string; Message: string } | undefined;
  /** Scores of the images the job will produce. */
  scores: number[];
  expired?: boolean | undefined;
}

const TEMPLATE_CONFIG = JSON.stringify({ Format: "png", SetDefaultCover: "true" });

function imageUrl(ctx: EmulatorContext, j: VodJobRecord, i: number): string {
  return `${ctx.baseUrl()}/files/vod/${j.VideoId}/image/ai/${j.JobId}-${String(i + 1).padStart(5, "0")}.png`;
}

/** GetAIImageJobs entry at `now`: processing, then success (with AIImageResult) or fail. */
export function renderVodJob(ctx: EmulatorContext, j: VodJobRecord, now: number): Record<string, unknown> {
  const done = jobPhase(j, now).stage === "done";
  const ok = done && !j.failure;
  return {
    JobId: j.JobId,
    VideoId: j.VideoId,
    Status: !done ? "processing" : ok ? "success" : "fail",
    Code: !done ? "" : ok ? "Success" : j.failure!.Code,
    Message: !done ? "" : ok ? "success" : j.failure!.Message,
    CreationTime: isoSeconds(j.createdAt),
    TemplateId: j.TemplateId,
    TemplateConfig: TEMPLATE_CONFIG,
    UserData: j.UserData,
    AIImageResult: ok ? JSON.stringify(j.scores.map((Score, i) => ({ Score, Url: imageUrl(ctx, j, i) }))) : "",
  };
}

/** ListAIImageInfo entries of one finished, successful job. */
export function vodImageInfos(ctx: EmulatorContext, j: VodJobRecord, now: number): Array<Record<string, unknown>> {
  const p = jobPhase(j, now);
  if (p.stage !== "done" || j.failure) return [];
  return j.scores.map((score, i) => ({
    AIImageInfoId: `${j.JobId.slice(0, 24)}${String(i).padStart(8, "0")}`,
    JobId: j.JobId,
    VideoId: j.VideoId,
    FileURL: imageUrl(ctx, j, i),
    Format: "png",
    Score: String(score),
    Version: "1",
    CreationTime: isoSeconds(p.finishedAt!),
  }));
}

import { isoSeconds } from "../clock";
import type { EmulatorContext } from "../context";
import { hex32 } from "../ids";
import { jobPhase } from "../job-timeline";

/** An ICE production job as the emulator stores it; outputs are decided at submit. */
export interface IceJobRecord {
  JobId: string;
  FunctionName: string;
  Name: string;
  Input: { Type: string; Media: string };
  Output: { Type: string; Media: string; Biz?: string; OutputUrl?: string };
  TemplateId: string;
  JobParams: string;
  ScheduleConfig: { PipelineId: string; Priority: number };
  UserData: string;
  createdAt: number;
  latencyMs: number;
  failed: boolean;
  cancelledAt?: number | undefined;
  /** The Result JSON text it will report on success. */
  result: string;
  outputFiles: string[];
  outputMediaIds: string[];
  expired?: boolean | undefined;
}

const IMAGE_FUNCTIONS = new Set(["Cover"]);
const AUDIO_ONLY = new Set(["MusicSegmentDetect", "AudioBeatDetection", "AudioQualityAssessment"]);

/**
 * Object path inside the bucket: `oss://bucket/a/b.mp4` and `https://bucket.oss-x.aliyuncs.com/a/b.mp4` give
 * `a/b.mp4`.
 */
function objectPath(media: string): string {
  return media.replace(/^oss:\/\/[^/]+\//, "").replace(/^https?:\/\/[^/]+\//, "");
}

/** What a function produces (docs/vendor-notes/alibaba.md, ICE results): its Result text and output files. */
export function plannedOutputs(
  fn: string,
  input: { Media: string },
  output: { Type: string; Media: string; OutputUrl?: string },
  now: number,
) {
  const target =
    output.Type === "OSS" ? objectPath(output.Media) : objectPath(output.OutputUrl ?? `media/${output.Media}.mp4`);
  const stem = target.replace(/\.[^./]+$/, "").replace(/\{[^}]*\}/g, "0");
  let result: unknown = {};
  let files: string[] = [];
  if (IMAGE_FUNCTIONS.has(fn)) {
    const frames = [0.97, 0.91, 0.86].map((Score, i) => ({
      Score,
      Time: (5000 + i * 11_734.5).toFixed(2),
      Url: `${stem}-${String(i + 1).padStart(5, "0")}.jpg`,
    }));
    result = frames;
    files = frames.map((f) => f.Url);
  } else if (fn === "VideoClip") {
    result = {
      VideoSummaryList: [
        { StartTime: "0.28", EndTime: "5.28" },
        { StartTime: "12.04", EndTime: "18.60" },
      ],
    };
    files = [`${stem}.mp4`];
  } else if (fn === "MusicSegmentDetect") {
    result = [
      { start: 0, end: 14.5, title: "主歌" },
      { start: 14.5, end: 31.2, title: "副歌" },
    ];
  } else if (fn === "AudioQualityAssessment") {
    // One object per channel of a stereo input, every value a string, as the API page's sample shows.
    const time = new Date(now + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
    result = [0, 1].map((channel) => ({
      MOS: "Good",
      "MOS(0-5)": channel === 0 ? "4.12" : "4.05",
      "Worst MOS(0-5)": "3.40",
      Noisiness: "Excellent",
      "Noisiness(0-5)": "4.51",
      "Worst Noisiness(0-5)": "4.02",
      Coloration: "Good",
      "Coloration(0-5)": "4.02",
      "Worst Coloration(0-5)": "3.71",
      Discontinuity: "Excellent",
      "Discontinuity(0-5)": "4.70",
      "Worst Discontinuity(0-5)": "4.33",
      Loudness: "Good",
      "Loudness(0-5)": "3.95",
      "Loudness(-90dB-0dB)": "-23.1",
      "Speech Ratio": "0.82",
      "Double Talk Ratio(%)": "0.0",
      "Saturated Ratio(%)": "0.0",
      "Bad Mute Ratio(%)": "0.4",
      Channel: String(channel),
      "Total Duration": "31.2",
      Time: time,
      Input: input.Media,
      Tag: "Valid",
    }));
  } else if (!AUDIO_ONLY.has(fn)) {
    files = [`${stem}.${fn === "SpeechDenoise" || fn === "AudioMixing" || fn === "MusicDemix" ? "mp3" : "mp4"}`];
  }
  return {
    result: JSON.stringify(result),
    outputFiles: files,
    outputMediaIds: output.Type === "Media" ? [output.Media || hex32()] : [],
  };
}

/** QueryIProductionJob at `now`: Queuing → Analysing → Success | Fail (cancel ends as Fail). */
export function renderIceJob(ctx: EmulatorContext, j: IceJobRecord, now: number): Record<string, unknown> {
  const p = jobPhase(j, now);
  const status =
    p.stage === "queued"
      ? "Queuing"
      : p.stage === "running"
        ? "Analysing"
        : p.stage === "cancelled" || j.failed
          ? "Fail"
          : "Success";
  const ok = status === "Success";
  return {
    JobId: j.JobId,
    Name: j.Name,
    FunctionName: j.FunctionName,
    Input: j.Input,
    Output: {
      Type: j.Output.Type,
      Media: j.Output.Media,
      Biz: j.Output.Biz ?? "",
      OutputUrl: j.Output.OutputUrl ?? "",
    },
    TemplateId: j.TemplateId,
    JobParams: j.JobParams,
    ScheduleConfig: j.ScheduleConfig,
    UserData: j.UserData,
    Result: ok ? j.result : "",
    CreateTime: isoSeconds(j.createdAt),
    FinishTime:
      p.finishedAt !== undefined && (p.stage === "done" || p.stage === "cancelled") ? isoSeconds(p.finishedAt) : "",
    Status: status,
    OutputFiles: ok ? j.outputFiles : [],
    OutputMediaIds: ok ? j.outputMediaIds : [],
    OutputUrls: ok ? j.outputFiles.map((f) => `${ctx.baseUrl()}/files/ice/${j.JobId}/${f}`) : [],
  };
}

import { z } from "zod";
import { readResponse } from "../../core/response-reader";
import type { IProductionFunction } from "./models";

// The decoded `Result` of QueryIProductionJob, per FunctionName (docs/vendor-notes/alibaba.md, ICE results).

/** Cover: candidate frames, best first. */
export const CoverResult = z.array(z.looseObject({ Score: z.number(), Time: z.string(), Url: z.string() }));
/** VideoClip: summary segments in seconds (as strings). */
export const VideoClipResult = z.looseObject({
  VideoSummaryList: z.array(z.looseObject({ StartTime: z.string(), EndTime: z.string() })),
});
/** MusicSegmentDetect: labelled segments in seconds. */
export const MusicSegmentDetectResult = z.array(
  z.looseObject({ start: z.number(), end: z.number(), title: z.string() }),
);
/** AudioQualityAssessment: one object per channel, labels with spaces as keys, string values. */
export const AudioQualityAssessmentResult = z.array(z.record(z.string(), z.union([z.string(), z.number()])));
/** Functions whose results are the output files: `{}`. */
export const FileOutputResult = z.looseObject({});

export type CoverResult = z.infer<typeof CoverResult>;
export type VideoClipResult = z.infer<typeof VideoClipResult>;
export type MusicSegmentDetectResult = z.infer<typeof MusicSegmentDetectResult>;
export type AudioQualityAssessmentResult = z.infer<typeof AudioQualityAssessmentResult>;

type FileOutputFunction = Exclude<
  IProductionFunction,
  "Cover" | "VideoClip" | "MusicSegmentDetect" | "AudioQualityAssessment"
>;

/** `Result` decoded and typed by FunctionName. */
export type IProductionResult =
  | { readonly FunctionName: "Cover"; readonly Result: CoverResult }
  | { readonly FunctionName: "VideoClip"; readonly Result: VideoClipResult }
  | { readonly FunctionName: "MusicSegmentDetect"; readonly Result: MusicSegmentDetectResult }
  | { readonly FunctionName: "AudioQualityAssessment"; readonly Result: AudioQualityAssessmentResult }
  | { readonly FunctionName: FileOutputFunction; readonly Result: Record<string, unknown> };

const SCHEMAS: Partial<Record<IProductionFunction, z.ZodType>> = {
  Cover: CoverResult,
  VideoClip: VideoClipResult,
  MusicSegmentDetect: MusicSegmentDetectResult,
  AudioQualityAssessment: AudioQualityAssessmentResult,
};

/**
 * Decodes a job's `Result` for its FunctionName. Undefined when the result is empty (job not finished),
 * is not JSON, or does not have the documented shape (the raw string stays available on the job).
 */
export function parseIProductionResult(functionName: string, raw: string): IProductionResult | undefined {
  if (!raw) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const schema = SCHEMAS[functionName as IProductionFunction] ?? FileOutputResult;
  const parsed = readResponse(schema, value);
  return parsed.success ? ({ FunctionName: functionName, Result: parsed.data } as IProductionResult) : undefined;
}

import { z } from "zod";
import { respString } from "../../core/schema-helpers";

/** Every FunctionName SubmitIProductionJob accepts (docs/vendor-notes/alibaba.md, ICE). */
export const IPRODUCTION_FUNCTIONS = [
  "Cover",
  "VideoClip",
  "VideoDelogo",
  "VideoDetext",
  "CaptionExtraction",
  "VideoGreenScreenMatting",
  "FaceBeauty",
  "VideoH2V",
  "MusicSegmentDetect",
  "AudioBeatDetection",
  "AudioQualityAssessment",
  "SpeechDenoise",
  "AudioMixing",
  "MusicDemix",
] as const;
export type IProductionFunction = (typeof IPRODUCTION_FUNCTIONS)[number];

const BUCKET = "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]";
const OSS_MEDIA = new RegExp(`^(oss://${BUCKET}/.+|https?://${BUCKET}\\.oss-[a-z0-9-]+\\.aliyuncs\\.com/.+)$`);

function checkMedia(v: { Type: string; Media?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.Type === "OSS" && v.Media !== undefined && !OSS_MEDIA.test(v.Media)) {
    ctx.addIssue({
      code: "custom",
      path: ["Media"],
      message: "must be oss://bucket/object or https://bucket.oss-<region>.aliyuncs.com/object when Type is OSS",
    });
  }
}

/** Job input: an OSS object or an IMS/VOD media asset id. */
export const IProductionInput = z
  .strictObject({
    Type: z.enum(["OSS", "Media"]).describe("`OSS`: an OSS object; `Media`: a media asset of the media library."),
    Media: z
      .string()
      .min(1)
      .describe(
        "The OSS object (`oss://bucket/object` or `https://bucket.oss-<region>.aliyuncs.com/object`, in the " +
          "project's region) or the media asset id.",
      ),
  })
  .superRefine(checkMedia);
export type IProductionInput = z.input<typeof IProductionInput>;

/**
 * Job output: an OSS object (placeholders allowed), or a media asset with OutputUrl naming its OSS file. With
 * Type Media, Media may be left out: the vendor then creates the media asset (its id is in OutputMediaIds).
 */
export const IProductionOutput = z
  .strictObject({
    Type: z
      .enum(["OSS", "Media"])
      .describe("`OSS`: write an OSS object; `Media`: register the result as a media asset."),
    Media: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The OSS object to write (required for OSS), or the media asset id (left out for Media: ICE creates one).",
      ),
    Biz: z.string().optional().describe("The business the media asset belongs to, e.g. `IMS`."),
    OutputUrl: z.string().optional().describe("With `type` Media: the OSS file of the asset (a registered bucket)."),
  })
  .superRefine((v, ctx) => {
    if (v.Type === "OSS" && v.Media === undefined)
      ctx.addIssue({ code: "custom", path: ["Media"], message: "is required when Type is OSS" });
    checkMedia(v, ctx);
  });
export type IProductionOutput = z.input<typeof IProductionOutput>;

/** Priority is documented both ways (1 highest / 10 highest); the range 1–10 is agreed. */
export const IProductionScheduleConfig = z.strictObject({
  PipelineId: z.string().optional().describe("The ICE pipeline that runs the job."),
  Priority: z
    .int()
    .min(1)
    .max(10)
    .optional()
    .describe("1 to 10 (default 6); ICE's pages disagree on which end runs first."),
});

/** Status values: Queuing → Analysing (also spelled Analyzing) → Success | Fail. */
export const IPRODUCTION_DONE_STATUSES = ["Success", "Fail"] as const;
export function isIProductionJobDone(status: string): boolean {
  return (
    status === "Success" || status === "Fail" || status === "Failed" || status === "Canceled" || status === "Cancelled"
  );
}

/** An output list: absent or null reads as []; an empty entry (the page's sample shows `[""]`) names nothing. */
const outputList = z
  .array(z.string())
  .nullish()
  .transform((v) => (v ?? []).filter((s) => s !== ""));

export const IProductionJob = z.looseObject({
  JobId: respString,
  Name: respString,
  FunctionName: respString,
  Input: z.looseObject({ Type: respString, Media: respString }).nullish(),
  Output: z.looseObject({ Type: respString, Media: respString, Biz: respString, OutputUrl: respString }).nullish(),
  TemplateId: respString,
  JobParams: respString,
  ScheduleConfig: z.looseObject({ PipelineId: respString, Priority: z.number().nullish() }).nullish(),
  UserData: respString,
  /** JSON text; its shape depends on FunctionName (see `ParsedResult`). */
  Result: respString,
  CreateTime: respString,
  FinishTime: respString,
  Status: respString,
  /** Generated object paths. */
  OutputFiles: outputList,
  /** Media asset ids, for Output Type Media. */
  OutputMediaIds: outputList,
  /** Addresses of the outputs. */
  OutputUrls: outputList,
});

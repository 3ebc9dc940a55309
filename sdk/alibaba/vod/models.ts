import { z } from "zod";
import { respString } from "../../core/schema-helpers";

/** The JSON inside VOD UserData: a callback and/or free-form `Extend` data echoed back with the job. */
export const VodUserDataContent = z
  .strictObject({
    MessageCallback: z
      .strictObject({
        CallbackURL: z.url({ protocol: /^https?$/ }).describe("The http(s) address VOD posts the job's event to."),
        CallbackType: z.string().optional().describe("How the event is delivered, e.g. `http`."),
      })
      .optional()
      .describe("Where VOD sends this job's completion event, instead of the region's callback settings."),
    Extend: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("Your own values, echoed in the job and its event (the provider adds its key here)."),
  })
  .refine((v) => v.MessageCallback !== undefined || v.Extend !== undefined, {
    message: "must contain MessageCallback and/or Extend",
  });
export type VodUserDataContent = z.infer<typeof VodUserDataContent>;

/** One generated image inside the AIImageResult JSON string. */
export const AIImageResultItem = z.looseObject({ Score: z.number().optional(), Url: z.string() });
export type AIImageResultItem = z.infer<typeof AIImageResultItem>;

export const AIImageJob = z.looseObject({
  JobId: respString,
  VideoId: respString,
  /** `success` | `fail` when finished (documented); `processing` while running (the emulator; unverified). */
  Status: respString,
  Code: respString,
  Message: respString,
  CreationTime: respString,
  TemplateId: respString,
  /** JSON text, e.g. {"Format":"gif","SetDefaultCover":"true"}. */
  TemplateConfig: respString,
  /** JSON text, as submitted. */
  UserData: respString,
  /** JSON text: array of {Score, Url}. */
  AIImageResult: respString,
});
export type AIImageJob = z.output<typeof AIImageJob>;

export const AIImageInfo = z.looseObject({
  AIImageInfoId: respString,
  JobId: respString,
  VideoId: respString,
  FileURL: respString,
  Format: respString,
  Score: respString,
  Version: respString,
  CreationTime: respString,
});
export type AIImageInfo = z.output<typeof AIImageInfo>;

/** Whether an AI image job status is terminal. */
export function isAIImageJobDone(status: string): boolean {
  const s = status.toLowerCase();
  return s === "success" || s === "fail" || s === "failed";
}

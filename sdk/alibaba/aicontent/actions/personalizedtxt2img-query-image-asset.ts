import { z } from "zod";
import { defineAlibabaAction } from "../../action";

/**
 * Personalizedtxt2imgQueryImageAsset: the bytes of one generated image (raw, or base64 text with
 * encodeFormat=base64). Not wrapped in the JSON envelope.
 */
export const Personalizedtxt2imgQueryImageAssetRequest = z.strictObject({
  modelId: z.string().min(1),
  promptId: z.string().min(1),
  imageId: z.string().min(1),
  encodeFormat: z.enum(["base64"]).optional(),
});
export type Personalizedtxt2imgQueryImageAssetRequest = z.input<typeof Personalizedtxt2imgQueryImageAssetRequest>;

/** The image: raw bytes, or base64 text when encodeFormat=base64. */
export const Personalizedtxt2imgQueryImageAssetResponse = z.instanceof(Buffer);

export const Personalizedtxt2imgQueryImageAsset = defineAlibabaAction({
  name: "Personalizedtxt2imgQueryImageAsset",
  service: "aicontent",
  request: Personalizedtxt2imgQueryImageAssetRequest,
  response: Personalizedtxt2imgQueryImageAssetResponse,
  kind: "read",
  vendorRateLimit: 20,
  roa: { method: "GET", path: "/api/v1/personalizedtxt2img/queryImageAsset" },
  responseBody: "bytes",
});

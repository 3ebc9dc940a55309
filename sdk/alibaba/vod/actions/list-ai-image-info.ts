import { z } from "zod";
import { respArray, respString } from "../../../core/schema-helpers";
import { defineAlibabaAction } from "../../action";
import { AIImageInfo } from "../models";

/** ListAIImageInfo: the AI images generated for one video (one entry per image, with its JobId). */
export const ListAIImageInfoRequest = z.strictObject({ VideoId: z.string().min(1) });
export type ListAIImageInfoRequest = z.input<typeof ListAIImageInfoRequest>;

export const ListAIImageInfoResponse = z.looseObject({
  RequestId: respString,
  AIImageInfoList: respArray(AIImageInfo),
});
export type ListAIImageInfoResponse = z.output<typeof ListAIImageInfoResponse>;

export const ListAIImageInfo = defineAlibabaAction({
  name: "ListAIImageInfo",
  service: "vod",
  request: ListAIImageInfoRequest,
  response: ListAIImageInfoResponse,
  kind: "read",
  vendorRateLimit: 50,
});

// Where each Alibaba service used here is offered (docs/vendor-notes/alibaba.md, "Services, versions,
// regions"). Plain data and a pure check, apart from the clients, so that a provider's preview validates a
// region without loading any transport.
import { didYouMean } from "../core/did-you-mean";
import { VOD_AI_IMAGE_REGIONS } from "./vod/ai-image-regions";

/** The Alibaba services a job goes to. */
export type AlibabaRegionalService = "vod" | "ice" | "aicontent";

/**
 * The region ids each service accepts: VOD's AI image APIs (two regions), ICE's documented public endpoints,
 * and aicontent's SDK endpoint map (`public` is the map's own key for the central endpoint, as cn-shanghai).
 */
export const ALIBABA_SERVICE_REGIONS: Readonly<Record<AlibabaRegionalService, readonly string[]>> = {
  vod: VOD_AI_IMAGE_REGIONS,
  ice: ["cn-shanghai", "cn-beijing", "cn-hangzhou", "cn-shenzhen", "ap-southeast-1", "us-west-1"],
  aicontent: ["cn-beijing", "cn-hangzhou", "cn-shanghai", "public"],
};

const SERVICE_LABELS: Readonly<Record<AlibabaRegionalService, string>> = {
  vod: "VOD's AI image APIs",
  ice: "ICE (Intelligent Media Services)",
  aicontent: "aicontent",
};

/**
 * ICE functions the vendor's region table lists (it is partial: functions not listed here are checked
 * against ICE's regions only).
 */
export const ICE_FUNCTION_REGIONS: Readonly<Record<string, readonly string[]>> = {
  Cover: ["cn-shanghai", "cn-beijing", "cn-hangzhou", "ap-southeast-1"],
  VideoClip: ["cn-shanghai", "cn-beijing", "cn-hangzhou", "ap-southeast-1"],
  VideoDelogo: ["cn-shanghai", "cn-beijing", "cn-hangzhou", "ap-southeast-1"],
  VideoH2V: ["cn-shanghai", "cn-beijing", "cn-hangzhou", "ap-southeast-1"],
  VideoDetext: ["cn-shanghai", "cn-beijing", "ap-southeast-1", "us-west-1"],
  CaptionExtraction: ["cn-shanghai", "ap-southeast-1", "us-west-1"],
};

/**
 * Why `region` cannot take a job of `service` (and, for ICE, of `functionName`), or undefined when it can.
 * The text names the region, a close region id when the value looks like a typo, and the regions that work.
 */
export function alibabaRegionProblem(
  service: AlibabaRegionalService,
  region: string,
  functionName?: string,
): string | undefined {
  const regions = ALIBABA_SERVICE_REGIONS[service];
  if (!regions.includes(region)) {
    return (
      `${JSON.stringify(region)} is not a region of ${SERVICE_LABELS[service]}${didYouMean(region, regions)}: ` +
      `use ${regions.join(", ")}`
    );
  }
  const forFunction = service === "ice" && functionName ? ICE_FUNCTION_REGIONS[functionName] : undefined;
  if (forFunction && !forFunction.includes(region)) {
    return (
      `ICE offers ${functionName} in ${forFunction.join(", ")}, not in ${JSON.stringify(region)}` +
      didYouMean(region, forFunction)
    );
  }
  return undefined;
}

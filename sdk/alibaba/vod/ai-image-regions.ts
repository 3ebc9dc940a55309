// Where VOD's AI image APIs exist. Apart from the client so that validating a region (a provider's preview)
// loads no transport.
import { ConfigurationError } from "../../core/errors";

/** The only regions where VOD offers the AI image APIs (SubmitAIImageJob, GetAIImageJobs, ListAIImageInfo). */
export const VOD_AI_IMAGE_REGIONS = ["cn-beijing", "cn-shanghai"] as const;
/** A region that offers VOD's AI image APIs. */
export type VodAiImageRegion = (typeof VOD_AI_IMAGE_REGIONS)[number];

/**
 * Checks that VOD's AI image APIs exist in `regionId`.
 * @throws ConfigurationError naming the region and the regions that have them.
 */
export function assertVodAiImageRegion(regionId: string): asserts regionId is VodAiImageRegion {
  if (!(VOD_AI_IMAGE_REGIONS as readonly string[]).includes(regionId)) {
    throw new ConfigurationError(
      `VOD AI image jobs are not offered in region ${JSON.stringify(regionId)}: ` +
        `use ${VOD_AI_IMAGE_REGIONS.join(" or ")} (or name an endpoint explicitly)`,
    );
  }
}

/**
 * VOD's public endpoint for a region that offers the AI image APIs.
 * @throws ConfigurationError for any other region (see `assertVodAiImageRegion`).
 */
export function vodEndpointFor(regionId: string): string {
  assertVodAiImageRegion(regionId);
  return `https://vod.${regionId}.aliyuncs.com`;
}

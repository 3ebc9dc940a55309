// Where the emulated Alibaba services exist, written from the vendor pages (docs/vendor-notes/alibaba.md,
// "Services, versions, regions"), not from the sdk: the emulator judges the sdk. A real client reaches a region
// through its host (`vod.<region>.aliyuncs.com`); an RPC request may also name it in `RegionId`. Over loopback
// the host is the emulator's own, so the region is read from whichever of the two names one.
import { AlibabaApiError } from "./envelope";

/** The emulated services and the region ids each serves. */
const REGIONS: Readonly<Record<"vod" | "ice" | "aicontent", readonly string[]>> = {
  // VOD's AI image APIs (SubmitAIImageJob, GetAIImageJobs, ListAIImageInfo): two regions only.
  vod: ["cn-beijing", "cn-shanghai"],
  // ICE's documented public endpoints.
  ice: ["cn-beijing", "cn-hangzhou", "cn-shanghai", "cn-shenzhen", "ap-southeast-1", "us-west-1"],
  // aicontent's endpoint map: regional hosts for Beijing and Hangzhou, the central host for Shanghai.
  aicontent: ["cn-beijing", "cn-hangzhou", "cn-shanghai", "public"],
};

/** ICE's per-function region table (partial on the vendor's page: other functions follow ICE's regions). */
const ICE_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  Cover: ["cn-shanghai", "cn-beijing", "cn-hangzhou", "ap-southeast-1"],
  VideoClip: ["cn-shanghai", "cn-beijing", "cn-hangzhou", "ap-southeast-1"],
  VideoDelogo: ["cn-shanghai", "cn-beijing", "cn-hangzhou", "ap-southeast-1"],
  VideoH2V: ["cn-shanghai", "cn-beijing", "cn-hangzhou", "ap-southeast-1"],
  VideoDetext: ["cn-shanghai", "cn-beijing", "ap-southeast-1", "us-west-1"],
  CaptionExtraction: ["cn-shanghai", "ap-southeast-1", "us-west-1"],
};

/** The region a vendor host names (`vod.cn-beijing.aliyuncs.com`, `ice-vpc.…`, `aicontent.aliyuncs.com`). */
export function regionOfHost(host: string | undefined): string | undefined {
  const name = (host ?? "").toLowerCase().replace(/:\d+$/, "");
  if (name === "aicontent.aliyuncs.com") return "cn-shanghai";
  return /^(?:vod|ice|ice-vpc|aicontent)\.([a-z0-9-]+)\.aliyuncs\.com$/.exec(name)?.[1];
}

/**
 * The vendor's refusal of a request sent to a region that does not serve it, or undefined. A `RegionId`
 * parameter is a bad parameter value (400 InvalidParameter); a host is an endpoint without that API
 * (404 InvalidAction.NotFound). Neither answer is documented for this case: these are the nearest documented
 * codes (docs/vendor-notes/sdk-emulator-disagreements.md, "Regions").
 */
export function regionRefusal(
  service: "vod" | "ice" | "aicontent",
  action: string,
  where: { readonly regionId?: string | undefined; readonly host?: string | undefined },
  functionName?: string,
): AlibabaApiError | undefined {
  const allowed = (service === "ice" && functionName && ICE_FUNCTIONS[functionName]) || REGIONS[service];
  const what =
    service === "ice" && functionName && ICE_FUNCTIONS[functionName] ? `${action} (${functionName})` : action;
  const fromHost = regionOfHost(where.host);
  if (fromHost !== undefined && !allowed.includes(fromHost)) {
    return new AlibabaApiError(
      404,
      "InvalidAction.NotFound",
      `Specified api is not found, please check your url and method (${what} is not offered in ${fromHost}).`,
    );
  }
  if (where.regionId !== undefined && !allowed.includes(where.regionId)) {
    return new AlibabaApiError(
      400,
      "InvalidParameter",
      `The specified parameter "RegionId" is not valid: ${what} is offered in ${allowed.join(", ")}.`,
    );
  }
  return undefined;
}

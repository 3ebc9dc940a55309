// Where the stack config places a kind's jobs: the endpoint and region the vendor clients (./clients.ts) fall back
// to when a resource sets no `endpoint` or `region` of its own. A job placed this way is pinned at submit: the
// resolved placement is recorded in the ledger and, when the config supplied any part of it, in the state
// (./placement.ts, `__placement`), so that a later config change never moves a look at a job already sent.
//
// This follows the fallbacks of ./clients.ts exactly (a change there must be made here too): Tencent reads
// aigc:tencentVodEndpoint then aigc:endpoint, aigc:tencentRegion then aigc:region; Alibaba the service's endpoint
// key then aigc:endpoint, aigc:alibabaRegion then aigc:region; aigc:endpoint falls back to PULUMI_AIGC_ENDPOINT.
// What nothing sets (the vendor's public endpoint, no region) is left out: it does not depend on the config.
import { parseEndpoint } from "../../sdk/core/endpoint";
import type { JobPlacement } from "../job-kind";
import { kindService } from "./kind-services";
import { setting } from "./provider-config";

const ALIBABA_ENDPOINT_KEYS = {
  vod: "alibabaVodEndpoint",
  ice: "alibabaIceEndpoint",
  aicontent: "alibabaAiContentEndpoint",
} as const;

/** The endpoint and region the stack config (and PULUMI_AIGC_ENDPOINT) give a kind's jobs; unset parts absent. */
export function stackPlacement(kindName: string): JobPlacement {
  const s = kindService(kindName);
  if (s?.vendor === "tencent") {
    return {
      endpoint: setting("tencentVodEndpoint") ?? setting("endpoint"),
      region: setting("tencentRegion") ?? setting("region"),
    };
  }
  if (s?.vendor === "alibaba") {
    return {
      endpoint: (s.service ? setting(ALIBABA_ENDPOINT_KEYS[s.service]) : undefined) ?? setting("endpoint"),
      region: setting("alibabaRegion") ?? setting("region"),
    };
  }
  return { endpoint: setting("endpoint"), region: setting("region") };
}

/**
 * Where a job of `kindName` with the resource's own placement `own` goes now: `own` over the stack config, the
 * endpoint as its origin. Absent parts: set by nothing.
 * @throws ConfigurationError for a configured endpoint that is not one (the clients would refuse it too).
 */
export function resolvedPlacement(kindName: string, own: JobPlacement): JobPlacement {
  const stack = stackPlacement(kindName);
  const endpoint = own.endpoint ?? (stack.endpoint ? parseEndpoint(stack.endpoint).origin : undefined);
  const region = own.region ?? stack.region;
  return { ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) };
}

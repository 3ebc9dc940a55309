// Regions checked at preview: a resource's `region`, else `aigc:alibabaRegion`, else `aigc:region`, against
// the regions the kind's Alibaba service offers (the sdk's table, docs/vendor-notes/alibaba.md). Tencent's
// region is not checked: its VOD APIs are global and do not need X-TC-Region (docs/vendor-notes/tencent-vod.md).
import { alibabaRegionProblem } from "../../sdk/alibaba/service-regions";
import type { CheckFailure } from "./check";
import { kindService } from "./kind-services";
import { setting } from "./provider-config";
import { UNKNOWN } from "./unknowns";

/** The region a resource's Alibaba jobs go to and where it was set; undefined when none is (the default). */
export function alibabaRegionSetting(
  inputs: Readonly<Record<string, unknown>>,
): { readonly region: string; readonly source: string } | undefined {
  if (typeof inputs.region === "string" && inputs.region !== "") return { region: inputs.region, source: "region" };
  const perVendor = setting("alibabaRegion");
  if (perVendor) return { region: perVendor, source: "aigc:alibabaRegion" };
  const shared = setting("region");
  return shared ? { region: shared, source: "aigc:region" } : undefined;
}

/**
 * A failure when the region a resource's job would go to does not offer its service (or, for ICE, its
 * function). Values not known yet (preview) are skipped. Whether an endpoint is set does not matter: the
 * region still travels with the request (RegionId) and names where the job lives.
 */
export function regionFailures(kindName: string, inputs: Readonly<Record<string, unknown>>): CheckFailure[] {
  const svc = kindService(kindName);
  if (svc?.vendor !== "alibaba" || svc.service === undefined || inputs.region === UNKNOWN) return [];
  const where = alibabaRegionSetting(inputs);
  if (!where) return [];
  const fn = typeof inputs.functionName === "string" ? inputs.functionName : undefined;
  const problem = alibabaRegionProblem(svc.service, where.region, fn);
  if (!problem) return [];
  const fix = where.source === "aigc:region" ? " (or set aigc:alibabaRegion for the Alibaba resources)" : "";
  return [{ property: where.source, reason: `${problem}${fix}` }];
}

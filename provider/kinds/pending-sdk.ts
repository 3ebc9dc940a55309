// Vendor knowledge the sdk is about to own (branch sdk-pipeline): the provider calls these names, and they move
// into the sdk when that branch lands. Until then they are kept minimal and conservative here.
import type { DescribeTaskDetailResponse } from "../../sdk";

/** The SubAppId a Tencent TaskId starts with (`<SubAppId>-<Kind>-<hex>t`). */
export function subAppIdOfTaskId(taskId: string): number | undefined {
  const n = Number(/^(\d+)-/.exec(taskId)?.[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

const asText = (v: unknown): string =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v);
const parsed = (v: unknown): unknown => {
  if (typeof v !== "string") return v ?? null;
  if (v === "") return null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

/** Fields of a custom-element request that DescribeTaskDetail echoes differently (empty list = they match). */
export function elementTaskDifferences(detail: DescribeTaskDetailResponse, request: Record<string, unknown>): string[] {
  const input = (detail.CreateAigcAdvancedCustomElementTask?.Input ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  for (const f of ["ElementName", "ElementDescription", "ReferenceType", "ElementVoiceId"]) {
    if (asText(request[f]) !== asText(input[f])) out.push(`${f}: ${asText(request[f])} ≠ ${asText(input[f])}`);
  }
  for (const f of ["ElementVideoList", "ElementImageList", "TagList"]) {
    if (JSON.stringify(parsed(request[f])) !== JSON.stringify(parsed(input[f]))) out.push(`${f} differs`);
  }
  return out;
}

/** Fields of a scene-image request that DescribeTaskDetail echoes differently (empty list = they match). */
export function sceneTaskDifferences(detail: DescribeTaskDetailResponse, request: Record<string, unknown>): string[] {
  const input = (detail.SceneAigcImageTask?.Input ?? {}) as Record<string, unknown>;
  const scene = (input.SceneInfo ?? {}) as Record<string, unknown>;
  const want = (request.SceneInfo ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  if (asText(want.Type) !== asText(scene.Type))
    out.push(`SceneInfo.Type: ${asText(want.Type)} ≠ ${asText(scene.Type)}`);
  const urls = (infos: unknown) =>
    ((infos ?? []) as Array<Record<string, unknown>>).map((f) => asText(f.Url) || asText(f.FileId)).join(",");
  if (urls(request.FileInfos) !== urls(input.FileInfos)) out.push("FileInfos differ");
  return out;
}

/** One AIGC element of an application, as DescribeAigcAdvancedCustomElements lists it. */
export interface ElementSummary {
  readonly Id: string;
  readonly Name: string;
  readonly VoiceId: string;
  readonly Description: string;
  readonly CreateTime: string;
}

/** Every element of an application (pages of 300; Offset is a multiple of Limit). */
export async function listElements(
  client: {
    describeAigcAdvancedCustomElements(r: { SubAppId: number; Offset: number; Limit: number }): Promise<{
      ElementSet: ElementSummary[];
      TotalCount: number;
    }>;
  },
  subAppId: number,
): Promise<ElementSummary[]> {
  const out: ElementSummary[] = [];
  for (let offset = 0; ; offset += 300) {
    const page = await client.describeAigcAdvancedCustomElements({ SubAppId: subAppId, Offset: offset, Limit: 300 });
    out.push(...page.ElementSet);
    if (offset + 300 >= page.TotalCount || page.ElementSet.length === 0) return out;
  }
}

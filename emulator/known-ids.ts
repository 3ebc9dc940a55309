import type { EmulatorContext } from "./context";

/** The kinds of id a caller brings from its own account rather than getting them from the emulator. */
export type CallerIdKind = "tencentSubAppId" | "tencentFileId" | "vodVideoId" | "vodAiTemplateId" | "aiContentModelId";

/** The account's primary VOD application when neither a request nor the configuration names one. */
export const DEFAULT_PRIMARY_SUB_APP_ID = 251007502;

/**
 * What a real id of each kind looks like: an id of another shape cannot exist at the vendor. Tencent
 * SubAppIds are positive integers and FileIds decimal strings; VOD VideoIds and template ids are 32 hex
 * characters; aicontent model ids are one token of letters, digits, `_`, `-` and `.`.
 */
const WELL_FORMED: Record<CallerIdKind, (id: string | number) => boolean> = {
  tencentSubAppId: (id) => typeof id === "number" && Number.isSafeInteger(id) && id > 0,
  tencentFileId: (id) => typeof id === "string" && /^\d{1,20}$/.test(id),
  vodVideoId: (id) => typeof id === "string" && /^[0-9a-f]{32}$/i.test(id),
  vodAiTemplateId: (id) => typeof id === "string" && /^[0-9a-f]{32}$/i.test(id),
  aiContentModelId: (id) => typeof id === "string" && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(id),
};

/** The configured list of a kind: present means that kind is strict. */
function listOf(ctx: EmulatorContext, kind: CallerIdKind): ReadonlyArray<string | number> | undefined {
  const { tencent, alibaba } = ctx.config;
  switch (kind) {
    case "tencentSubAppId":
      return tencent.subAppIds;
    case "tencentFileId":
      return tencent.fileIds;
    case "vodVideoId":
      return alibaba.videoIds;
    case "vodAiTemplateId":
      return alibaba.aiImageTemplateIds;
    case "aiContentModelId":
      return alibaba.aiContentModelIds;
  }
}

/**
 * Whether a caller's id exists. Lenient (the default): every well-formed id does. Strict (the kind's ids are
 * listed in the configuration): the listed ids do, and so do ids the emulator itself created (`created`).
 */
export function callerIdExists(
  ctx: EmulatorContext,
  kind: CallerIdKind,
  id: string | number,
  created: (id: string | number) => boolean = () => false,
): boolean {
  const list = listOf(ctx, kind);
  if (list === undefined) return WELL_FORMED[kind](id) || created(id);
  return list.includes(id) || created(id);
}

/** The application a Tencent request without SubAppId addresses. */
export function primarySubAppId(ctx: EmulatorContext): number {
  const t = ctx.config.tencent;
  return t.primarySubAppId ?? t.subAppIds?.[0] ?? DEFAULT_PRIMARY_SUB_APP_ID;
}

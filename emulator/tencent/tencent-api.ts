import { TENCENT_VOD_VERSION } from "../../sdk/wire-constants";
import type { IncomingRequest } from "../auth/incoming-request";
import { verifyTc3 } from "../auth/tc3-verifier";
import { isoSeconds } from "../clock";
import { type EmulatorContext, latencyFor } from "../context";
import { parseDirectives } from "../directives";
import { digits, tencentTaskId } from "../ids";
import { jobPhase } from "../job-timeline";
import { callerIdExists, primarySubAppId } from "../known-ids";
import { validateRequest } from "../validation/request-validator";
import type { VendorReply } from "../vendor-reply";
import { TencentApiError, tencentError, tencentFail, tencentOk } from "./envelope";
import { tencentValidationError } from "./request-errors";
import { TENCENT_RULES } from "./request-rules";
import {
  decideFailure,
  describeTaskDetail,
  elementExists,
  isVisible,
  newFiles,
  type TencentTaskRecord,
  type TencentTaskType,
  taskStatus,
} from "./tasks";

/** The action a Tencent request names (for stats and faults), from X-TC-Action. */
export function tencentAction(req: IncomingRequest): string {
  return req.headers["x-tc-action"] ?? "";
}

/** A Tencent request is recognized by its X-TC-Action header. */
export function isTencentRequest(req: IncomingRequest): boolean {
  return req.method === "POST" && typeof req.headers["x-tc-action"] === "string";
}

/** Handles one Tencent VOD API request: every answer is HTTP 200 with the Tencent envelope. */
export function handleTencent(req: IncomingRequest, ctx: EmulatorContext): VendorReply {
  try {
    return route(req, ctx);
  } catch (err) {
    if (err instanceof TencentApiError) return tencentFail(err.code, err.message);
    return tencentFail("InternalError", `emulator error: ${(err as Error).message}`);
  }
}

function route(req: IncomingRequest, ctx: EmulatorContext): VendorReply {
  const creds = ctx.credentials.tencent;
  const auth = verifyTc3(req, {
    lookup: (id) => (id === creds.secretId ? { secret: creds.secretKey, token: creds.token } : undefined),
    nowSeconds: Math.floor(ctx.clock.real() / 1000),
  });
  if (!auth.ok) return tencentFail(auth.code, auth.message);
  if (req.headers["x-tc-version"] !== TENCENT_VOD_VERSION) {
    throw new TencentApiError(
      "NoSuchVersion",
      `The API version \`${req.headers["x-tc-version"] ?? ""}\` does not exist.`,
    );
  }
  const name = tencentAction(req);
  const rules = TENCENT_RULES[name];
  if (!rules)
    throw new TencentApiError(
      "InvalidAction",
      `The action \`${name}\` does not exist or is not supported by the emulator.`,
    );
  const rl = ctx.config.rateLimits;
  const limit = name === "DescribeTaskDetail" ? rl.tencentDescribeTaskDetail : rl.tencentDefault;
  if (rl.enabled && !ctx.limiter.tryTake(`tencent:${auth.accessKeyId}:${name}`, limit)) {
    throw new TencentApiError(
      "RequestLimitExceeded",
      `The request frequency of ${name} exceeds the limit of ${limit} per second. ` +
        "Please reduce the frequency of calls.",
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString("utf8") || "{}");
  } catch {
    throw new TencentApiError("InvalidParameter", "The request body is not valid JSON.");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new TencentApiError("InvalidParameter", "The request body must be a JSON object.");
  const violation = validateRequest(rules.request, body, { wire: "json" })[0];
  if (violation) throw tencentValidationError(violation);
  const request = body as Record<string, unknown>;
  const subAppId = checkSubAppId(ctx, request.SubAppId as number | undefined);
  const now = ctx.clock.now();

  switch (name) {
    case "CreateSceneAigcImageTask":
      checkFileIds(ctx, request);
      return createTask(ctx, "SceneAigcImageTask", subAppId, request, now);
    case "CreateAigcAdvancedCustomElement":
      return createTask(ctx, "CreateAigcAdvancedCustomElement", subAppId, request, now);
    case "DescribeTaskDetail":
      return tencentOk(describeTaskDetail(ctx, findTask(ctx, String(request.TaskId), subAppId, now), now));
    case "DescribeTasks":
      return describeTasks(ctx, subAppId, request, now);
    case "DescribeAigcAdvancedCustomElements":
      return describeElements(ctx, subAppId, request, now);
    default:
      return deleteElement(ctx, subAppId, String(request.ElementId), now);
  }
}

/** A missing SubAppId means the account's primary application. */
function checkSubAppId(ctx: EmulatorContext, subAppId: number | undefined): number {
  const id = subAppId ?? primarySubAppId(ctx);
  if (!callerIdExists(ctx, "tencentSubAppId", id))
    throw new TencentApiError("InvalidParameterValue.SubAppId", `The SubAppId \`${id}\` does not exist.`);
  return id;
}

/** Every FileId a scene request names, input images and garments alike. */
function fileIdsOf(request: Record<string, unknown>): string[] {
  const infos: Array<{ FileId?: string; Type?: string }> = [...((request.FileInfos ?? []) as [])];
  const scene = request.SceneInfo as Record<string, { ClothesFileInfos?: [] } | undefined>;
  for (const cfg of [scene.AiTryOnConfig, scene.ChangeClothesConfig]) infos.push(...(cfg?.ClothesFileInfos ?? []));
  return infos.filter((f) => f.FileId && f.Type !== "Url").map((f) => f.FileId!);
}

function checkFileIds(ctx: EmulatorContext, request: Record<string, unknown>): void {
  for (const fileId of fileIdsOf(request)) {
    // Permanent outputs of the emulator's own tasks are media files too.
    if (!callerIdExists(ctx, "tencentFileId", fileId, (id) => !!ctx.store.get("tencentFile", String(id)))) {
      throw new TencentApiError("InvalidParameterValue.FileId", `The FileId \`${fileId}\` does not exist.`);
    }
  }
}

function createTask(
  ctx: EmulatorContext,
  type: TencentTaskType,
  subAppId: number,
  request: Record<string, unknown>,
  now: number,
): VendorReply {
  const sessionId = String(request.SessionId ?? "");
  const sessionKey = `${subAppId}:${sessionId}`;
  if (sessionId) {
    const seen = ctx.store.get<{ TaskId: string; createdAt: number }>("tencentSession", sessionKey);
    if (seen && now - seen.createdAt < ctx.config.sessionDedupWindowMs) {
      throw new TencentApiError(
        "InvalidParameterValue.SessionId",
        "The SessionId has already been used within the deduplication window; the request was ignored.",
      );
    }
  }
  const sessionContext = String(request.SessionContext ?? "");
  const d = parseDirectives(sessionContext);
  if (d.error && !d.error.afterCreate) throw tencentError(d.error.code);
  const task: TencentTaskRecord = {
    TaskId: tencentTaskId(subAppId, type),
    TaskType: type,
    SubAppId: subAppId,
    createdAt: now,
    latencyMs: latencyFor(ctx, d.latencyMs),
    failure: decideFailure(ctx, type, d.fail),
    request,
    SessionId: sessionId,
    SessionContext: sessionContext,
    files: type === "SceneAigcImageTask" ? newFiles(request) : [],
    elementId: type === "CreateAigcAdvancedCustomElement" ? digits(18) : undefined,
  };
  ctx.store.put("tencentTask", task.TaskId, task);
  for (const f of task.files) if (f.FileId) ctx.store.put("tencentFile", f.FileId, { TaskId: task.TaskId });
  if (sessionId) ctx.store.put("tencentSession", sessionKey, { TaskId: task.TaskId, createdAt: now });
  if (d.error) {
    const e = tencentError(d.error.code);
    return tencentFail(e.code, e.message, { submitted: true });
  }
  return tencentOk({ TaskId: task.TaskId }, { submitted: true });
}

function findTask(ctx: EmulatorContext, taskId: string, subAppId: number, now: number): TencentTaskRecord {
  const t = ctx.store.get<TencentTaskRecord>("tencentTask", taskId);
  if (!t || t.SubAppId !== subAppId)
    throw new TencentApiError("InvalidParameterValue.TaskId", `The TaskId \`${taskId}\` does not exist.`);
  if (!isVisible(t, now))
    throw new TencentApiError("ResourceNotFound", `The task \`${taskId}\` is older than 3 days or no longer exists.`);
  return t;
}

function describeTasks(ctx: EmulatorContext, subAppId: number, r: Record<string, unknown>, now: number): VendorReply {
  const inRange = (iso: string, range: { After?: string; Before?: string } | undefined) =>
    !range ||
    (iso !== "" &&
      (!range.After || Date.parse(iso) >= Date.parse(range.After)) &&
      (!range.Before || Date.parse(iso) < Date.parse(range.Before)));
  const sort = (r.Sort as { Field: "CreateTime" | "FinishTime"; Order: "Asc" | "Desc" } | undefined) ?? {
    Field: "CreateTime",
    Order: "Desc",
  };
  const rows = ctx.store
    .all<TencentTaskRecord>("tencentTask")
    .filter((t) => t.SubAppId === subAppId && isVisible(t, now))
    .map((t) => {
      const s = taskStatus(t, now);
      return {
        TaskId: t.TaskId,
        Status: s.Status,
        FileId: "",
        TaskType: t.TaskType,
        CreateTime: s.CreateTime,
        BeginProcessTime: s.BeginProcessTime,
        FinishTime: s.FinishTime,
        SessionId: t.SessionId,
        SessionContext: t.SessionContext,
      };
    })
    .filter(
      (t) =>
        (!r.Status || t.Status === r.Status) &&
        inRange(t.CreateTime, r.CreateTime as never) &&
        inRange(t.FinishTime, r.FinishTime as never),
    )
    .sort(
      (a, b) =>
        (sort.Order === "Asc" ? 1 : -1) *
        (Date.parse(a[sort.Field] || "0") - Date.parse(b[sort.Field] || "0") || a.TaskId.localeCompare(b.TaskId)),
    );
  const offset = r.ScrollToken ? Number(Buffer.from(String(r.ScrollToken), "base64url").toString()) || 0 : 0;
  const limit = Number(r.Limit ?? 10);
  const page = rows.slice(offset, offset + limit);
  const next = offset + limit < rows.length ? Buffer.from(String(offset + limit)).toString("base64url") : "";
  return tencentOk({ TaskSet: page, ScrollToken: next });
}

function liveElements(ctx: EmulatorContext, subAppId: number, now: number): TencentTaskRecord[] {
  return ctx.store
    .all<TencentTaskRecord>("tencentTask")
    .filter(
      (t) => t.SubAppId === subAppId && elementExists(t, now) && !ctx.store.get("tencentDeletedElement", t.elementId!),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
}

function describeElements(
  ctx: EmulatorContext,
  subAppId: number,
  r: Record<string, unknown>,
  now: number,
): VendorReply {
  const all = liveElements(ctx, subAppId, now);
  const offset = Number(r.Offset ?? 0);
  const limit = Number(r.Limit ?? 10);
  const set = all.slice(offset, offset + limit).map((t) => ({
    Id: t.elementId,
    Name: String(t.request.ElementName ?? ""),
    VoiceId: String(t.request.ElementVoiceId ?? ""),
    Description: String(t.request.ElementDescription ?? ""),
    CreateTime: isoSeconds(jobPhase(t, now).finishedAt ?? t.createdAt),
  }));
  return tencentOk({ ElementSet: set, TotalCount: all.length });
}

function deleteElement(ctx: EmulatorContext, subAppId: number, elementId: string, now: number): VendorReply {
  if (!liveElements(ctx, subAppId, now).some((t) => t.elementId === elementId)) {
    throw new TencentApiError("InvalidParameterValue", `The ElementId \`${elementId}\` does not exist.`);
  }
  ctx.store.put("tencentDeletedElement", elementId, { deletedAt: now });
  return tencentOk({});
}

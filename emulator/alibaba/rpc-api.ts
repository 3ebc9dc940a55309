import type { z } from "zod";
import { ALIBABA_VERSIONS, type AlibabaAction } from "../../sdk/alibaba/action";
import { CancelIProductionJob, QueryIProductionJob, SubmitIProductionJob } from "../../sdk/alibaba/ice/actions";
import { GetAIImageJobs, ListAIImageInfo, SubmitAIImageJob } from "../../sdk/alibaba/vod/actions";
import { verifyAcs3 } from "../auth/acs3-verifier";
import type { AuthResult, IncomingRequest } from "../auth/incoming-request";
import { verifyRpcV1 } from "../auth/rpc-v1-verifier";
import { type EmulatorContext, latencyFor } from "../context";
import { parseDirectives } from "../directives";
import { hex32 } from "../ids";
import { jobPhase } from "../lifecycle";
import type { VendorReply } from "../vendor-reply";
import { AlibabaApiError, rpcFail, rpcOk } from "./envelope";
import { type IceJobRecord, plannedOutputs, renderIceJob } from "./ice-jobs";
import { renderVodJob, type VodJobRecord, vodImageInfos } from "./vod-jobs";

const ACTIONS: Record<string, AlibabaAction> = Object.fromEntries(
  [
    SubmitAIImageJob,
    GetAIImageJobs,
    ListAIImageInfo,
    SubmitIProductionJob,
    QueryIProductionJob,
    CancelIProductionJob,
  ].map((a) => [a.name, a as AlibabaAction]),
);

/** Common parameters of signature v1: not business parameters. */
const V1_COMMON = new Set([
  "Action",
  "Version",
  "Format",
  "AccessKeyId",
  "Signature",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "SignatureType",
  "Timestamp",
  "SecurityToken",
  "RegionId",
  "OwnerId",
  "OwnerAccount",
  "ResourceOwnerId",
  "ResourceOwnerAccount",
]);

/** Query and form body, decoded (`+` as space: official SDKs never send a bare `+`). */
export function rpcParams(req: IncomingRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(req.rawQuery)) out[k] = v;
  if ((req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(req.body.toString("utf8"))) out[k] = v;
  }
  return out;
}

/** True for VOD/ICE RPC requests: `x-acs-action` with path `/`, or an `Action` parameter. */
export function isAlibabaRpcRequest(req: IncomingRequest): boolean {
  return (
    req.pathname === "/" &&
    (typeof req.headers["x-acs-action"] === "string" ||
      /(^|&)Action=/.test(req.rawQuery) ||
      req.body.includes("Action="))
  );
}

/** The action an RPC request names (for stats and faults). */
export function alibabaRpcAction(req: IncomingRequest): string {
  return req.headers["x-acs-action"] ?? rpcParams(req).Action ?? "";
}

export function productOf(action: string): "Vod" | "ICE" {
  return ACTIONS[action]?.service === "ice" ? "ICE" : "Vod";
}

/** Handles one VOD or ICE request. Errors use the RPC envelope with the vendor's HTTP status. */
export function handleAlibabaRpc(req: IncomingRequest, ctx: EmulatorContext): VendorReply {
  const hostId = req.headers.host ?? "127.0.0.1";
  const name = alibabaRpcAction(req);
  try {
    return route(req, ctx, name);
  } catch (err) {
    if (err instanceof AlibabaApiError) return rpcFail(err.status, err.code, err.message, hostId, productOf(name));
    return rpcFail(500, "InternalError", `emulator error: ${(err as Error).message}`, hostId, productOf(name));
  }
}

/** Verifies the signature with the scheme the request uses (V3 header or v1 parameters). */
export function verifyAlibaba(req: IncomingRequest, params: Record<string, string>, ctx: EmulatorContext): AuthResult {
  const creds = ctx.credentials.alibaba;
  const lookup = (id: string) =>
    id === creds.accessKeyId ? { secret: creds.accessKeySecret, token: creds.securityToken } : undefined;
  const opts = { lookup, nowMs: ctx.clock.real(), nonceSeen: (id: string, n: string) => ctx.nonceSeen(id, n) };
  if ((req.headers.authorization ?? "").startsWith("ACS3-HMAC-SHA256")) return verifyAcs3(req, opts);
  return verifyRpcV1(req.method, params, opts);
}

function route(req: IncomingRequest, ctx: EmulatorContext, name: string): VendorReply {
  const params = rpcParams(req);
  const auth = verifyAlibaba(req, params, ctx);
  if (!auth.ok) throw new AlibabaApiError(auth.httpStatus, auth.code, auth.message);
  const action = ACTIONS[name];
  const version = req.headers["x-acs-version"] ?? params.Version;
  if (!action || ALIBABA_VERSIONS[action.service] !== version) {
    throw new AlibabaApiError(
      404,
      "InvalidAction.NotFound",
      `Specified api is not found, please check your url and method (${name} ${version ?? ""}).`,
    );
  }
  const rl = ctx.config.rateLimits;
  const limit = action.service === "vod" ? rl.alibabaVod : rl.alibabaIce;
  if (rl.enabled && !ctx.limiter.tryTake(`alibaba:${auth.accessKeyId}:${name}`, limit)) {
    throw new AlibabaApiError(400, "Throttling.User", "Request was denied due to user flow control.");
  }
  const request = validate(action, params);
  const now = ctx.clock.now();
  switch (name) {
    case "SubmitAIImageJob":
      return submitAIImageJob(ctx, request, now);
    case "GetAIImageJobs": {
      const ids = String(request.JobIds)
        .split(",")
        .map((s) => s.trim());
      const jobs = ids.flatMap((id) => {
        const j = ctx.store.get<VodJobRecord>("vodJob", id);
        return j && !j.expired ? [renderVodJob(ctx, j, now)] : [];
      });
      return rpcOk({ AIImageJobList: jobs });
    }
    case "ListAIImageInfo": {
      const videoId = String(request.VideoId);
      const infos = ctx.store
        .all<VodJobRecord>("vodJob")
        .filter((j) => j.VideoId === videoId && !j.expired)
        .flatMap((j) => vodImageInfos(ctx, j, now));
      return rpcOk({ AIImageInfoList: infos });
    }
    case "SubmitIProductionJob":
      return submitIProductionJob(ctx, request, now);
    case "QueryIProductionJob":
      return rpcOk(renderIceJob(ctx, findIceJob(ctx, String(request.JobId)), now));
    default:
      return cancelIProductionJob(ctx, findIceJob(ctx, String(request.JobId)), now);
  }
}

/** Validates business parameters; unknown ones are ignored, as the gateway does. */
function validate(action: AlibabaAction, params: Record<string, string>): Record<string, unknown> {
  const shape = (action.request as unknown as { shape: Record<string, z.ZodType> }).shape;
  const business = Object.fromEntries(Object.entries(params).filter(([k]) => k in shape && !V1_COMMON.has(k)));
  const parsed = action.request.safeParse(business, { reportInput: true });
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? "");
  if (issue.code === "invalid_type" && issue.input === undefined) {
    throw new AlibabaApiError(
      400,
      "MissingParameter",
      `The input parameter "${field}" that is mandatory for processing this request is not supplied.`,
    );
  }
  throw new AlibabaApiError(
    400,
    "InvalidParameter",
    `The specified parameter "${issue.path.join(".")}" is not valid: ${issue.message}`,
  );
}

function submitAIImageJob(ctx: EmulatorContext, r: Record<string, unknown>, now: number): VendorReply {
  const videoId = String(r.VideoId);
  if (!ctx.config.alibaba.videoIds.includes(videoId))
    throw new AlibabaApiError(404, "InvalidVideo.NotFound", `The video ${videoId} does not exist.`);
  const templateId = String(r.AITemplateId);
  if (!ctx.config.alibaba.aiImageTemplateIds.includes(templateId)) {
    throw new AlibabaApiError(
      400,
      "InvalidParameter",
      `The specified parameter "AITemplateId" is not valid: template ${templateId} does not exist.`,
    );
  }
  const userData = String(r.UserData ?? "");
  const d = parseDirectives(userData);
  const failed = d.fail !== undefined || ctx.random() < ctx.config.failureRatio;
  const job: VodJobRecord = {
    JobId: hex32(),
    VideoId: videoId,
    TemplateId: templateId,
    UserData: userData,
    PipelineId: String(r.AIPipelineId ?? ""),
    createdAt: now,
    latencyMs: latencyFor(ctx, d.latencyMs),
    failure: failed
      ? {
          Code: typeof d.fail === "string" ? d.fail : "ProcessFailed",
          Message: "AI image processing failed: no usable frames found",
        }
      : undefined,
    scores: [5.04, 4.71, 4.33],
  };
  ctx.store.put("vodJob", job.JobId, job);
  return rpcOk({ JobId: job.JobId }, { submitted: true });
}

function submitIProductionJob(ctx: EmulatorContext, r: Record<string, unknown>, now: number): VendorReply {
  const input = JSON.parse(String(r.Input)) as IceJobRecord["Input"];
  const output = JSON.parse(String(r.Output)) as IceJobRecord["Output"];
  const schedule = r.ScheduleConfig
    ? (JSON.parse(String(r.ScheduleConfig)) as { PipelineId?: string; Priority?: number })
    : {};
  const fn = String(r.FunctionName);
  const d = parseDirectives(String(r.Name ?? ""), String(r.UserData ?? ""));
  const planned = plannedOutputs(fn, input, output, now);
  const job: IceJobRecord = {
    JobId: hex32(),
    FunctionName: fn,
    Name: String(r.Name ?? ""),
    Input: input,
    Output: output,
    TemplateId: String(r.TemplateId ?? ""),
    JobParams: String(r.JobParams ?? ""),
    ScheduleConfig: { PipelineId: schedule.PipelineId ?? "", Priority: schedule.Priority ?? 6 },
    UserData: String(r.UserData ?? ""),
    createdAt: now,
    latencyMs: latencyFor(ctx, d.latencyMs),
    failed: d.fail !== undefined || ctx.random() < ctx.config.failureRatio,
    result: planned.result,
    outputFiles: planned.outputFiles,
    outputMediaIds: planned.outputMediaIds,
  };
  ctx.store.put("iceJob", job.JobId, job);
  return rpcOk({ JobId: job.JobId }, { submitted: true });
}

function findIceJob(ctx: EmulatorContext, jobId: string): IceJobRecord {
  const j = ctx.store.get<IceJobRecord>("iceJob", jobId);
  if (!j || j.expired)
    throw new AlibabaApiError(404, "InvalidParameter.ResourceNotFound", `The job ${jobId} does not exist.`);
  return j;
}

function cancelIProductionJob(ctx: EmulatorContext, j: IceJobRecord, now: number): VendorReply {
  const stage = jobPhase(j, now).stage;
  if (stage === "done" || stage === "cancelled") {
    throw new AlibabaApiError(
      400,
      "InvalidParameter",
      `The specified parameter "JobId" is not valid: job ${j.JobId} has already finished.`,
    );
  }
  ctx.store.put("iceJob", j.JobId, { ...j, cancelledAt: now });
  return rpcOk({ Message: "Success" });
}

import { createHash } from "node:crypto";
import { ALIBABA_VERSIONS } from "../../sdk/wire-constants";
import { verifyAcs3 } from "../auth/acs3-verifier";
import type { AuthResult, IncomingRequest } from "../auth/incoming-request";
import { verifyRpcV1 } from "../auth/rpc-v1-verifier";
import { type EmulatorContext, latencyFor } from "../context";
import { parseDirectives } from "../directives";
import { hex32 } from "../ids";
import { jobPhase } from "../job-timeline";
import { callerIdExists } from "../known-ids";
import { pathText, validateRequest } from "../validation/request-validator";
import type { Violation } from "../validation/rules";
import type { VendorReply } from "../vendor-reply";
import { AlibabaApiError, alibabaError, rpcFail, rpcOk } from "./envelope";
import { type IceJobRecord, plannedOutputs, renderIceJob } from "./ice-jobs";
import { RPC_RULES, type RpcActionRules } from "./rpc-rules";
import { regionRefusal } from "./service-regions";
import { renderVodJob, type VodJobRecord, vodImageInfos } from "./vod-jobs";

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
  return RPC_RULES[action]?.service === "ice" ? "ICE" : "Vod";
}

/** Handles one VOD or ICE request. Errors use the RPC envelope with the vendor's HTTP status. */
export function handleAlibabaRpc(req: IncomingRequest, ctx: EmulatorContext): VendorReply {
  const hostId = req.headers.host ?? "127.0.0.1";
  const name = alibabaRpcAction(req);
  try {
    return route(req, ctx, name, hostId);
  } catch (err) {
    if (err instanceof AlibabaApiError) {
      return { ...rpcFail(err.status, err.code, err.message, hostId, productOf(name), name), submitted: err.submitted };
    }
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

/**
 * Alibaba's answer to the first broken rule: a missing parameter is MissingParameter, anything else
 * InvalidParameter, both HTTP 400 (docs/vendor-notes/alibaba.md, "Errors").
 */
export function rpcValidationError(v: Violation): AlibabaApiError {
  const field = pathText(v.path);
  if (v.kind === "missing") {
    return new AlibabaApiError(
      400,
      "MissingParameter",
      `The input parameter "${field}" that is mandatory for processing this request is not supplied.`,
    );
  }
  return new AlibabaApiError(400, "InvalidParameter", `The specified parameter "${field}" is not valid: ${v.rule}.`);
}

function route(req: IncomingRequest, ctx: EmulatorContext, name: string, hostId: string): VendorReply {
  const params = rpcParams(req);
  const auth = verifyAlibaba(req, params, ctx);
  if (!auth.ok) throw new AlibabaApiError(auth.httpStatus, auth.code, auth.message);
  const rules = RPC_RULES[name];
  const version = req.headers["x-acs-version"] ?? params.Version;
  if (!rules || ALIBABA_VERSIONS[rules.service] !== version) {
    throw new AlibabaApiError(
      404,
      "InvalidAction.NotFound",
      `Specified api is not found, please check your url and method (${name} ${version ?? ""}).`,
    );
  }
  const rl = ctx.config.rateLimits;
  const limit = rules.service === "vod" ? rl.alibabaVod : rl.alibabaIce;
  if (rl.enabled && !ctx.limiter.tryTake(`alibaba:${auth.accessKeyId}:${name}`, limit)) {
    throw new AlibabaApiError(400, "Throttling.User", "Request was denied due to user flow control.");
  }
  const request = businessParams(params);
  const violation = validateRequest(rules.request, request, { wire: "form" })[0];
  if (violation) throw rpcValidationError(violation);
  const where = { regionId: params.RegionId, host: req.headers.host };
  const refused = regionRefusal(rules.service, name, where, request.FunctionName);
  if (refused) throw refused;
  const now = ctx.clock.now();
  switch (name) {
    case "SubmitAIImageJob":
      return submitAIImageJob(ctx, request, now);
    case "GetAIImageJobs": {
      const ids = request.JobIds!.split(",").map((s) => s.trim());
      const jobs = ids.flatMap((id) => {
        const j = ctx.store.get<VodJobRecord>("vodJob", id);
        return j && !j.expired ? [renderVodJob(ctx, j, now)] : [];
      });
      return rpcOk({ AIImageJobList: jobs });
    }
    case "ListAIImageInfo": {
      const videoId = request.VideoId!;
      const infos = ctx.store
        .all<VodJobRecord>("vodJob")
        .filter((j) => j.VideoId === videoId && !j.expired)
        .flatMap((j) => vodImageInfos(ctx, j, now));
      return rpcOk({ AIImageInfoList: infos });
    }
    case "SubmitIProductionJob":
      return submitIProductionJob(ctx, request, now);
    default:
      return withClientToken(ctx, auth.accessKeyId, rules, request, now, hostId, () =>
        name === "QueryIProductionJob"
          ? rpcOk(renderIceJob(ctx, findIceJob(ctx, request.JobId!), now))
          : cancelIProductionJob(ctx, findIceJob(ctx, request.JobId!), now),
      );
  }
}

/** The request's business parameters (the signature's common parameters left out). */
function businessParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => !V1_COMMON.has(k)));
}

/** A remembered ClientToken: which request it came with and what was answered. */
interface ClientTokenRecord {
  fingerprint: string;
  at: number;
  reply: { status: number; body: string; contentType: string; errorCode?: string | undefined };
}

/**
 * ICE idempotency (docs/vendor-notes/alibaba.md, "ClientToken"): within the token's lifetime, the same token
 * with the same parameters replays the first answer, byte for byte; with other parameters it is refused with
 * 400 IdempotentParameterMismatch. Tokens are scoped to the AccessKey that sent them.
 */
function withClientToken(
  ctx: EmulatorContext,
  accessKeyId: string,
  rules: RpcActionRules,
  request: Record<string, string>,
  now: number,
  hostId: string,
  run: () => VendorReply,
): VendorReply {
  const token = request.ClientToken;
  if (!token) return run();
  const known = Object.keys(rules.request.fields).filter((k) => k !== "ClientToken");
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([rules.action, ...known.map((k) => [k, request[k] ?? null])]))
    .digest("hex");
  const key = `${accessKeyId}:${token}`;
  const seen = ctx.store.get<ClientTokenRecord>("iceClientToken", key);
  if (seen && now - seen.at < ctx.config.clientTokenLifetimeMs) {
    if (seen.fingerprint !== fingerprint) {
      throw new AlibabaApiError(
        400,
        "IdempotentParameterMismatch",
        "The request uses the same client token as a previous, but non-identical request.",
      );
    }
    return { ...seen.reply };
  }
  let reply: VendorReply;
  try {
    reply = run();
  } catch (err) {
    if (!(err instanceof AlibabaApiError)) throw err;
    reply = rpcFail(err.status, err.code, err.message, hostId, "ICE", rules.action);
  }
  const body = typeof reply.body === "string" ? reply.body : reply.body.toString("utf8");
  ctx.store.put<ClientTokenRecord>("iceClientToken", key, {
    fingerprint,
    at: now,
    reply: { status: reply.status, body, contentType: reply.contentType, errorCode: reply.errorCode },
  });
  return reply;
}

function submitAIImageJob(ctx: EmulatorContext, r: Record<string, string>, now: number): VendorReply {
  const videoId = r.VideoId!;
  if (!callerIdExists(ctx, "vodVideoId", videoId))
    throw new AlibabaApiError(404, "InvalidVideo.NotFound", `The video ${videoId} does not exist.`);
  const templateId = r.AITemplateId!;
  if (!callerIdExists(ctx, "vodAiTemplateId", templateId)) {
    throw new AlibabaApiError(
      400,
      "InvalidParameter",
      `The specified parameter "AITemplateId" is not valid: template ${templateId} does not exist.`,
    );
  }
  const userData = r.UserData ?? "";
  const d = parseDirectives(userData);
  if (d.error && !d.error.afterCreate) throw alibabaError(d.error.code);
  const failed = d.fail !== undefined || ctx.random() < ctx.config.failureRatio;
  const job: VodJobRecord = {
    JobId: hex32(),
    VideoId: videoId,
    TemplateId: templateId,
    UserData: userData,
    PipelineId: r.AIPipelineId ?? "",
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
  // emulator:error-after=CODE: the job exists, and the caller cannot tell from the answer.
  if (d.error) throw alibabaError(d.error.code, true);
  return rpcOk({ JobId: job.JobId }, { submitted: true });
}

function submitIProductionJob(ctx: EmulatorContext, r: Record<string, string>, now: number): VendorReply {
  const input = JSON.parse(r.Input!) as IceJobRecord["Input"];
  const given = JSON.parse(r.Output!) as IceJobRecord["Output"];
  // With Type Media and no Media, the vendor creates the media asset and reports its id.
  const output = given.Type === "Media" && !given.Media ? { ...given, Media: hex32() } : given;
  const schedule = r.ScheduleConfig ? (JSON.parse(r.ScheduleConfig) as { PipelineId?: string; Priority?: number }) : {};
  const fn = r.FunctionName!;
  const d = parseDirectives(r.Name, r.UserData);
  if (d.error && !d.error.afterCreate) throw alibabaError(d.error.code);
  const planned = plannedOutputs(fn, input, output, now);
  const job: IceJobRecord = {
    JobId: hex32(),
    FunctionName: fn,
    Name: r.Name ?? "",
    Input: input,
    Output: output,
    TemplateId: r.TemplateId ?? "",
    JobParams: r.JobParams ?? "",
    ScheduleConfig: { PipelineId: schedule.PipelineId ?? "", Priority: schedule.Priority ?? 6 },
    UserData: r.UserData ?? "",
    createdAt: now,
    latencyMs: latencyFor(ctx, d.latencyMs),
    failed: d.fail !== undefined || ctx.random() < ctx.config.failureRatio,
    result: planned.result,
    outputFiles: planned.outputFiles,
    outputMediaIds: planned.outputMediaIds,
  };
  ctx.store.put("iceJob", job.JobId, job);
  if (d.error) throw alibabaError(d.error.code, true);
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

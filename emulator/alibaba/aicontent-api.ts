import { randomUUID } from "node:crypto";
import { ALIBABA_VERSIONS } from "../../sdk/wire-constants";
import { verifyAcs3 } from "../auth/acs3-verifier";
import type { AuthResult, IncomingRequest } from "../auth/incoming-request";
import { verifyRoaV1 } from "../auth/roa-v1-verifier";
import { type EmulatorContext, latencyFor } from "../context";
import { parseDirectives } from "../directives";
import { jobPhase } from "../job-timeline";
import { callerIdExists } from "../known-ids";
import { aicontentImage } from "../result-files";
import { pathText, validateRequest } from "../validation/request-validator";
import type { VendorReply } from "../vendor-reply";
import {
  AICONTENT_PATH_PREFIX,
  AICONTENT_RULES,
  MAX_IMAGES_PER_JOB,
  type RoaActionRules,
  SEED_RANGE,
} from "./aicontent-rules";
import { AIC_UNKNOWN_ERROR, AlibabaApiError, aicFail, aicOk, rpcFail } from "./envelope";
import { regionRefusal } from "./service-regions";

const BY_PATH: Record<string, RoaActionRules> = Object.fromEntries(
  AICONTENT_RULES.map((a) => [`${a.method} ${a.path}`, a]),
);

export interface AicModelRecord {
  modelId: string;
  name: string;
  objectType: string;
  createdAt: number;
}

export interface AicJobRecord {
  id: string;
  promptId: string;
  modelId: string;
  prompt: string;
  imageNumber: number;
  seed: number;
  createdAt: number;
  latencyMs: number;
  failed: boolean;
  createUserId: string;
  expired?: boolean | undefined;
}

export function isAiContentRequest(req: IncomingRequest): boolean {
  return req.pathname.startsWith(AICONTENT_PATH_PREFIX);
}

/** The action of an aicontent request (from x-acs-action, else from its path). */
export function aiContentAction(req: IncomingRequest): string {
  return req.headers["x-acs-action"] ?? BY_PATH[`${req.method} ${req.pathname}`]?.action ?? req.pathname;
}

/** `2024-06-28T11:02:32.441184`: aicontent's zone-less local time (Asia/Shanghai) with 6 fraction digits. */
function aicTime(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 23)}${String(ms % 1000)
    .padStart(3, "0")
    .slice(0, 3)}`.replace(/(\.\d{3})(\d{3})$/, "$1$2");
}

/** Records a trained model (idempotent): `girl_6dcc…` is named and typed after its prefix. */
function registerModel(ctx: EmulatorContext, modelId: string): void {
  if (ctx.store.get("aicModel", modelId)) return;
  const prefix = /^([a-z]+)_/i.exec(modelId)?.[1];
  ctx.store.put<AicModelRecord>("aicModel", modelId, {
    modelId,
    name: prefix ?? modelId,
    objectType: prefix ?? "person",
    createdAt: ctx.clock.now(),
  });
}

/**
 * Seeds the configured trained models (strict mode). Without a list every well-formed model id is a trained
 * model, recorded (and listed) when first used.
 */
export function seedModels(ctx: EmulatorContext): void {
  for (const modelId of ctx.config.alibaba.aiContentModelIds ?? []) registerModel(ctx, modelId);
}

/** Status of an inference job at `now`: WAIT_SCHEDULE → RUNNING → FINISHED | FAILED. */
export function renderInferenceJob(j: AicJobRecord, now: number): Record<string, unknown> {
  const p = jobPhase(j, now);
  const done = p.stage === "done";
  return {
    id: j.id,
    promptId: j.promptId,
    modelId: j.modelId,
    jobStatus: !done ? (p.stage === "queued" ? "WAIT_SCHEDULE" : "RUNNING") : j.failed ? "FAILED" : "FINISHED",
    jobTrainProgress: p.progress / 100,
    resultImageUrl:
      done && !j.failed ? Array.from({ length: j.imageNumber }, (_, i) => `${String(i).padStart(4, "0")}.png`) : null,
    createTime: aicTime(j.createdAt),
    createUserId: j.createUserId,
  };
}

function verify(req: IncomingRequest, ctx: EmulatorContext): AuthResult {
  const creds = ctx.credentials.alibaba;
  const lookup = (id: string) =>
    id === creds.accessKeyId ? { secret: creds.accessKeySecret, token: creds.securityToken } : undefined;
  if ((req.headers.authorization ?? "").startsWith("acs "))
    return verifyRoaV1(req, { lookup, nowMs: ctx.clock.real() });
  return verifyAcs3(req, { lookup, nowMs: ctx.clock.real(), nonceSeen: (id, n) => ctx.nonceSeen(id, n) });
}

/**
 * Handles one aicontent request. Gateway failures (signature, unknown API) use the RPC envelope;
 * business failures use aicontent's `{success:false, errCode}` envelope with the HTTP status.
 */
export function handleAiContent(req: IncomingRequest, ctx: EmulatorContext): VendorReply {
  const hostId = req.headers.host ?? "127.0.0.1";
  const auth = verify(req, ctx);
  if (!auth.ok) return rpcFail(auth.httpStatus, auth.code, auth.message, hostId, "aicontent");
  const action = BY_PATH[`${req.method} ${req.pathname}`];
  const version = req.headers["x-acs-version"] ?? ALIBABA_VERSIONS.aicontent;
  if (!action || version !== ALIBABA_VERSIONS.aicontent) {
    return rpcFail(
      404,
      "InvalidAction.NotFound",
      `Specified api is not found, please check your url and method (${req.method} ${req.pathname}).`,
      hostId,
      "aicontent",
    );
  }
  const refused = regionRefusal("aicontent", action.action, { host: req.headers.host });
  if (refused) return rpcFail(refused.status, refused.code, refused.message, hostId, "aicontent");
  const rl = ctx.config.rateLimits;
  if (rl.enabled && !ctx.limiter.tryTake(`aicontent:${auth.accessKeyId}:${action.action}`, rl.alibabaAiContent)) {
    return aicFail(429, "THROTTLING", "Request was denied due to flow control.");
  }
  try {
    return dispatch(req, ctx, action, auth.accessKeyId);
  } catch (err) {
    if (err instanceof AlibabaApiError)
      return { ...aicFail(err.status, err.code, err.message), submitted: err.submitted };
    return aicFail(500, AIC_UNKNOWN_ERROR.errCode, AIC_UNKNOWN_ERROR.errMessage);
  }
}

function input(req: IncomingRequest, action: RoaActionRules): Record<string, unknown> {
  if (action.method === "GET") return Object.fromEntries(new URLSearchParams(req.rawQuery));
  try {
    const body = JSON.parse(req.body.toString("utf8") || "{}");
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    /* answered below */
  }
  throw new AlibabaApiError(400, "INVALID_PARAMETER", "request body must be a JSON object");
}

/** An aicontent error answer for `code` (UNKNOWN_ERROR, its only documented code, comes on HTTP 200). */
function aicError(code: string, submitted = false): AlibabaApiError {
  if (code === AIC_UNKNOWN_ERROR.errCode)
    return new AlibabaApiError(200, code, AIC_UNKNOWN_ERROR.errMessage, submitted);
  return new AlibabaApiError(400, code, `emulated ${code}`, submitted);
}

/**
 * The values the service actually uses (docs/vendor-notes/alibaba.md, aicontent): more than 10 images become
 * 10, and a seed outside [-1, 2147483647] (or none) is replaced by one of the service's choice.
 */
function effectiveInference(r: Record<string, unknown>, random: () => number): { imageNumber: number; seed: number } {
  const asked = typeof r.imageNumber === "number" ? r.imageNumber : 1;
  const seed = typeof r.seed === "number" ? r.seed : undefined;
  const inRange = seed !== undefined && seed >= SEED_RANGE[0] && seed <= SEED_RANGE[1] && seed !== -1;
  return {
    imageNumber: Math.min(asked, MAX_IMAGES_PER_JOB),
    seed: inRange ? seed : Math.floor(random() * SEED_RANGE[1]),
  };
}

function dispatch(
  req: IncomingRequest,
  ctx: EmulatorContext,
  action: RoaActionRules,
  accessKeyId: string,
): VendorReply {
  const raw = input(req, action);
  const violation = validateRequest(action.request, raw, { wire: action.method === "GET" ? "form" : "json" })[0];
  if (violation) {
    const where = pathText(violation.path) || "request";
    throw new AlibabaApiError(400, "INVALID_PARAMETER", `${where}: ${violation.rule}`);
  }
  const r = raw as Record<string, string | number | undefined>;
  const now = ctx.clock.now();
  switch (action.action) {
    case "Personalizedtxt2imgAddInferenceJob": {
      const modelId = String(r.modelId);
      if (!callerIdExists(ctx, "aiContentModelId", modelId, (id) => !!ctx.store.get("aicModel", String(id))))
        throw new AlibabaApiError(404, "MODEL_NOT_FOUND", `model ${modelId} does not exist or is not trained`);
      registerModel(ctx, modelId);
      const d = parseDirectives(String(r.prompt));
      if (d.error && !d.error.afterCreate) throw aicError(d.error.code);
      const counter = (ctx.store.get<{ n: number }>("counter", "aicJob")?.n ?? 0) + 1;
      ctx.store.put("counter", "aicJob", { n: counter });
      const effective = effectiveInference(raw, ctx.random);
      const job: AicJobRecord = {
        id: String(counter),
        promptId: `prompt_id-${randomUUID()}`,
        modelId,
        prompt: String(r.prompt),
        imageNumber: effective.imageNumber,
        seed: effective.seed,
        createdAt: now,
        latencyMs: latencyFor(ctx, d.latencyMs),
        failed: d.fail !== undefined || ctx.random() < ctx.config.failureRatio,
        createUserId: accessKeyId.replace(/\D/g, "").padEnd(12, "8").slice(0, 12),
      };
      ctx.store.put("aicJob", job.id, job);
      if (d.error) throw aicError(d.error.code, true);
      return aicOk(
        { ...renderInferenceJob(job, now), jobStatus: "NOT_START", jobTrainProgress: 0 },
        { submitted: true },
      );
    }
    case "Personalizedtxt2imgQueryInferenceJobInfo":
      return aicOk(renderInferenceJob(findJob(ctx, String(r.inferenceJobId)), now));
    case "Personalizedtxt2imgQueryModelTrainJobList": {
      const jobs = ctx.store.all<AicJobRecord>("aicJob").filter((j) => !j.expired);
      const models = ctx.store.all<AicModelRecord>("aicModel").map((m, i) => {
        const list = jobs.filter((j) => j.modelId === m.modelId).map((j) => renderInferenceJob(j, now));
        return {
          id: String(i + 1),
          modelId: m.modelId,
          name: m.name,
          objectType: m.objectType,
          imageUrl: [],
          jobStatus: "FINISHED",
          jobTrainProgress: 1,
          inferenceJobList: list,
          inferenceImageCount: list.length,
          createTime: aicTime(m.createdAt),
        };
      });
      return aicOk(models);
    }
    default: {
      const job = ctx.store
        .all<AicJobRecord>("aicJob")
        .find((j) => j.modelId === r.modelId && j.promptId === r.promptId && !j.expired);
      const index = /^(\d{4})\.png$/.exec(String(r.imageId));
      if (
        !job ||
        !index ||
        Number(index[1]) >= job.imageNumber ||
        renderInferenceJob(job, now).jobStatus !== "FINISHED"
      ) {
        throw new AlibabaApiError(
          404,
          "IMAGE_NOT_FOUND",
          `image ${r.imageId} of ${r.modelId}/${r.promptId} does not exist`,
        );
      }
      const png = aicontentImage(job, String(r.imageId)).body;
      return r.encodeFormat === "base64"
        ? { status: 200, body: png.toString("base64"), contentType: "text/plain;charset=utf-8" }
        : { status: 200, body: png, contentType: "image/png" };
    }
  }
}

function findJob(ctx: EmulatorContext, id: string): AicJobRecord {
  const j = ctx.store.get<AicJobRecord>("aicJob", id);
  if (!j || j.expired) throw new AlibabaApiError(404, "JOB_NOT_FOUND", `inference job ${id} does not exist`);
  return j;
}

import { isoSeconds } from "./clock";
import { FaultConfig } from "./config";
import type { EmulatorContext } from "./context";
import { type AicJobRecord, seedModels } from "./alibaba/aicontent-api";
import type { IceJobRecord } from "./alibaba/ice-jobs";
import type { VodJobRecord } from "./alibaba/vod-jobs";
import { jobPhase } from "./lifecycle";
import type { RecordKind } from "./store";
import type { TencentTaskRecord } from "./tencent/tasks";
import { jsonReply, type VendorReply } from "./vendor-reply";

/** One job or task as the admin API lists it: enough to count submissions per resource in drills. */
export interface AdminJob {
  vendor: "tencent" | "alibaba";
  service: "vod" | "ice" | "aicontent";
  kind: string;
  id: string;
  stage: string;
  createdAt: string;
  /** What a client can use to tell its jobs apart: SessionId, UserData, Name, prompt. */
  sessionId?: string;
  userData?: string;
  name?: string;
  prompt?: string;
}

const KINDS: Array<{ kind: RecordKind; list: (ctx: EmulatorContext, now: number) => AdminJob[] }> = [
  {
    kind: "tencentTask",
    list: (ctx, now) =>
      ctx.store.all<TencentTaskRecord>("tencentTask").map((t) => ({
        vendor: "tencent",
        service: "vod",
        kind: t.TaskType,
        id: t.TaskId,
        stage: t.expired ? "expired" : jobPhase(t, now).stage,
        createdAt: isoSeconds(t.createdAt),
        sessionId: t.SessionId,
        userData: t.SessionContext,
        name: String(t.request.ElementName ?? ""),
      })),
  },
  {
    kind: "vodJob",
    list: (ctx, now) =>
      ctx.store.all<VodJobRecord>("vodJob").map((j) => ({
        vendor: "alibaba",
        service: "vod",
        kind: "AIImageJob",
        id: j.JobId,
        stage: j.expired ? "expired" : jobPhase(j, now).stage,
        createdAt: isoSeconds(j.createdAt),
        userData: j.UserData,
      })),
  },
  {
    kind: "iceJob",
    list: (ctx, now) =>
      ctx.store.all<IceJobRecord>("iceJob").map((j) => ({
        vendor: "alibaba",
        service: "ice",
        kind: j.FunctionName,
        id: j.JobId,
        stage: j.expired ? "expired" : jobPhase(j, now).stage,
        createdAt: isoSeconds(j.createdAt),
        userData: j.UserData,
        name: j.Name,
      })),
  },
  {
    kind: "aicJob",
    list: (ctx, now) =>
      ctx.store.all<AicJobRecord>("aicJob").map((j) => ({
        vendor: "alibaba",
        service: "aicontent",
        kind: "InferenceJob",
        id: j.id,
        stage: j.expired ? "expired" : jobPhase(j, now).stage,
        createdAt: isoSeconds(j.createdAt),
        prompt: j.prompt,
      })),
  },
];

const JOB_KEY: Record<string, string> = { tencentTask: "TaskId", vodJob: "JobId", iceJob: "JobId", aicJob: "id" };

/** Applies an admin change to one job, wherever it lives. */
function changeJob(ctx: EmulatorContext, id: string, change: { action?: string }): VendorReply {
  for (const { kind } of KINDS) {
    const rec = ctx.store.get<Record<string, unknown>>(kind, id);
    if (!rec) continue;
    const now = ctx.clock.now();
    switch (change.action) {
      case "expire": // the vendor no longer returns it (retention passed, or deleted out of band)
        ctx.store.put(kind, id, { ...rec, expired: true });
        break;
      case "finish": // make it finish now
        ctx.store.put(kind, id, { ...rec, latencyMs: Math.max(0, now - Number(rec.createdAt)) });
        break;
      case "rotate-urls": // temporary URLs get a new signature
        ctx.store.put(kind, id, { ...rec, urlVersion: Number(rec.urlVersion ?? 0) + 1 });
        break;
      default:
        return jsonReply(400, {
          error: `unknown action ${JSON.stringify(change.action)}: use expire, finish or rotate-urls`,
        });
    }
    return jsonReply(200, { ok: true, id, kind, key: JOB_KEY[kind] });
  }
  return jsonReply(404, { error: `no job or task ${id}` });
}

/**
 * The admin API under /__emulator/: GET stats, GET/POST faults, POST reset, GET jobs, POST jobs/<id>
 * ({"action":"expire"|"finish"|"rotate-urls"}), POST clock ({"advanceMs":n}), GET health.
 */
export function handleAdmin(method: string, path: string, body: Buffer, ctx: EmulatorContext): VendorReply {
  const route = path.replace(/^\/__emulator\/?/, "");
  let json: Record<string, unknown> = {};
  if (body.length) {
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      return jsonReply(400, { error: "body must be JSON" });
    }
  }
  if (method === "GET" && route === "health") return jsonReply(200, { ok: true });
  if (method === "GET" && route === "stats")
    return jsonReply(200, { ...ctx.stats.snapshot(), records: ctx.store.counts() });
  if (method === "GET" && route === "faults") return jsonReply(200, ctx.faults.current);
  if (method === "POST" && route === "faults") {
    const parsed = FaultConfig.safeParse(json);
    if (!parsed.success)
      return jsonReply(400, { error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
    ctx.faults.set(parsed.data);
    return jsonReply(200, parsed.data);
  }
  if (method === "POST" && route === "reset") {
    ctx.store.clear();
    ctx.store.put("clock", "state", ctx.clock.state()); // time does not go back on a reset
    seedModels(ctx); // configured fixtures are not state: a reset keeps them
    ctx.stats.reset();
    ctx.limiter.reset();
    return jsonReply(200, { ok: true });
  }
  if (method === "GET" && route === "jobs") {
    const now = ctx.clock.now();
    return jsonReply(200, { jobs: KINDS.flatMap((k) => k.list(ctx, now)) });
  }
  if (method === "POST" && route.startsWith("jobs/")) return changeJob(ctx, decodeURIComponent(route.slice(5)), json);
  if (method === "POST" && route === "clock") {
    const ms = Number(json.advanceMs);
    if (!(ms >= 0)) return jsonReply(400, { error: "advanceMs must be a non-negative number" });
    ctx.clock.advance(ms);
    return jsonReply(200, { now: new Date(ctx.clock.now()).toISOString() });
  }
  return jsonReply(404, { error: `no admin route ${method} /__emulator/${route}` });
}

import { JOB_KINDS, listJobs } from "./admin-jobs";
import { type AicJobRecord, seedModels } from "./alibaba/aicontent-api";
import { FaultConfig } from "./config";
import type { EmulatorContext } from "./context";
import { aicontentImage } from "./result-files";
import { jsonReply, type VendorReply } from "./vendor-reply";

export type { AdminJob, AdminJobOutput } from "./admin-jobs";

/** Applies an admin change to one job, wherever it lives. */
function changeJob(ctx: EmulatorContext, id: string, change: { action?: string }): VendorReply {
  for (const { kind, key } of JOB_KINDS) {
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
    return jsonReply(200, { ok: true, id, kind, key });
  }
  return jsonReply(404, { error: `no job or task ${id}` });
}

/** An aicontent image without the signed GET that QueryImageAsset needs: for the console's gallery. */
function previewAicontent(ctx: EmulatorContext, jobId: string, imageId: string): VendorReply {
  const job = ctx.store.get<AicJobRecord>("aicJob", jobId);
  const index = /^(\d{4})\.png$/.exec(imageId);
  if (!job || !index || Number(index[1]) >= job.imageNumber)
    return jsonReply(404, { error: `no image ${imageId} of aicontent job ${jobId}` });
  const image = aicontentImage(job, imageId);
  return { status: 200, body: image.body, contentType: image.contentType };
}

/**
 * The admin API under /__emulator/: GET health, GET stats, GET/POST faults, POST reset, GET jobs,
 * POST jobs/<id> ({"action":"expire"|"finish"|"rotate-urls"}), GET clock, POST clock ({"advanceMs":n}),
 * GET preview/aicontent/<jobId>/<imageId>.
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
    return jsonReply(200, { now: new Date(now).toISOString(), jobs: listJobs(ctx, now) });
  }
  if (method === "POST" && route.startsWith("jobs/")) return changeJob(ctx, decodeURIComponent(route.slice(5)), json);
  if (method === "GET" && route === "clock") {
    return jsonReply(200, {
      now: new Date(ctx.clock.now()).toISOString(),
      advancedMs: ctx.clock.advancedMs,
      timeScale: ctx.clock.timeScale,
    });
  }
  if (method === "POST" && route === "clock") {
    const ms = Number(json.advanceMs);
    if (!(ms >= 0)) return jsonReply(400, { error: "advanceMs must be a non-negative number" });
    ctx.clock.advance(ms);
    return jsonReply(200, { now: new Date(ctx.clock.now()).toISOString() });
  }
  const preview = /^preview\/aicontent\/([^/]+)\/([^/]+)$/.exec(route);
  if (method === "GET" && preview)
    return previewAicontent(ctx, decodeURIComponent(preview[1]!), decodeURIComponent(preview[2]!));
  return jsonReply(404, { error: `no admin route ${method} /__emulator/${route}` });
}

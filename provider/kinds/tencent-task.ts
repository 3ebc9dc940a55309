// What the two Tencent VOD kinds share: the SessionId the provider owns, the application (SubAppId) a task
// lives in, recovery by SessionId (verified against the task's recorded input) and the view of a task.
import type { DescribeTaskDetailResponse } from "../../sdk";
import { NotFoundError } from "../../sdk/core/errors";
import { SESSION_ID_DEDUP_WINDOW_MS } from "../../sdk/tencent/session-dedup";
import { subAppIdFromTaskId } from "../../sdk/tencent/task-id";
import { taskOutcome } from "../../sdk/tencent/task-outcome";
import type { JobContext, JobView, Recovery } from "../job-kind";
import { defaultSubAppId } from "../runtime/clients";

/** The context of a Tencent VOD kind's hooks: its inputs name the application (`subAppId`). */
type TencentContext = JobContext<{ readonly subAppId?: number | undefined }>;

/** The request field the provider owns: Tencent deduplicates creates on it. */
const SESSION_ID_OWNED = [
  {
    path: ["SessionId"],
    reason:
      "is set by the provider: it is the resource's idempotency key, on which Tencent refuses repeated " +
      "submissions; remove it (put your own text in sessionContext)",
  },
] as const;

/** The task's application is read on refresh and destroy when its TaskId does not carry it (see subAppIdOf). */
export const TENCENT_KEPT_INPUTS = ["subAppId"] as const;

/** Where the default application comes from, for "SubAppId is required" messages. */
const SUB_APP_ID_CONFIG = { SubAppId: "aigc:tencentSubAppId (env TENCENT_VOD_SUB_APP_ID)" } as const;

/** Fills the configured default SubAppId into a request that names none. */
function withDefaultSubAppId(wire: Record<string, unknown>): Record<string, unknown> {
  if (wire.SubAppId !== undefined) return wire;
  const sub = defaultSubAppId();
  return sub === undefined ? wire : { ...wire, SubAppId: sub };
}

/**
 * What the declarations of Tencent VOD kinds share: the SessionId the provider owns, on which Tencent refuses a
 * repeated create within its window, and the application (SubAppId) the config supplies. Spread into a
 * declaration (a kind that reads more inputs on refresh extends `keptInputs`).
 */
export const TENCENT_SESSION_KIND = {
  keptInputs: TENCENT_KEPT_INPUTS,
  ownedFields: SESSION_ID_OWNED,
  dedupedByVendor: true,
  dedupWindowMs: SESSION_ID_DEDUP_WINDOW_MS,
  withConfigDefaults: withDefaultSubAppId,
  configuredFields: SUB_APP_ID_CONFIG,
} as const;

/**
 * The application of a task: its TaskId's own prefix first (the truth for that task, whatever this machine's
 * default is), else the resource's `subAppId`, else the configured default.
 */
export function subAppIdOf(ctx: TencentContext, taskId?: string): number | undefined {
  const fromId = taskId ? subAppIdFromTaskId(taskId) : undefined;
  if (fromId !== undefined) return fromId;
  const own = ctx.inputs.subAppId;
  return typeof own === "number" ? own : defaultSubAppId();
}

/** DescribeTaskDetail of a task, in its own application. */
export async function describeTask(ctx: TencentContext, taskId: string): Promise<DescribeTaskDetailResponse> {
  const sub = subAppIdOf(ctx, taskId);
  return ctx.clients.tencent().describeTaskDetail({ TaskId: taskId, ...(sub ? { SubAppId: sub } : {}) });
}

/**
 * The request fields recorded for a task (`pulumi import`) with its application, which its TaskId carries (the
 * recorded input does not).
 */
export function withTaskSubAppId(taskId: string, echoed: Record<string, unknown>): Record<string, unknown> {
  const sub = subAppIdFromTaskId(taskId);
  return sub === undefined ? echoed : { ...echoed, SubAppId: sub };
}

/** A Tencent task's view: status, progress and failure from the sdk's reading of DescribeTaskDetail. */
export function tencentTaskView<O>(taskId: string, d: DescribeTaskDetailResponse, outputs: O): JobView<O> {
  const o = taskOutcome(d);
  const started = Date.parse(d.CreateTime);
  const finished = Date.parse(d.FinishTime);
  return {
    jobId: taskId,
    status: d.Status,
    done: o.done,
    progress: o.progress,
    failure: o.failure,
    outputs,
    durationMs: o.done && finished >= started ? finished - started : undefined,
  };
}

/**
 * Finds the task an earlier attempt created with this SessionId (DescribeTasks in the request's application,
 * no further back than `since`), and adopts it only when its recorded input matches the request.
 */
export async function recoverBySessionId(
  ctx: TencentContext,
  request: { readonly SubAppId?: number | undefined },
  since: Date,
  differences: (detail: DescribeTaskDetailResponse) => string[],
): Promise<Recovery> {
  const subAppId = typeof request.SubAppId === "number" ? request.SubAppId : subAppIdOf(ctx);
  const hit = await ctx.clients.tencent().findTaskBySessionId(ctx.key, {
    createdAfter: since,
    subAppId,
    signal: ctx.signal,
  });
  if (!hit) {
    return {
      notFound: `DescribeTasks lists no task with SessionId ${ctx.key} in application ${subAppId ?? "(default)"}`,
    };
  }
  let detail: DescribeTaskDetailResponse;
  try {
    detail = await describeTask(ctx, hit.TaskId);
  } catch (err) {
    if (err instanceof NotFoundError) return { notFound: `task ${hit.TaskId} is listed but cannot be described` };
    throw err;
  }
  const diffs = differences(detail);
  return diffs.length === 0 ? { jobId: hit.TaskId } : { mismatch: { jobId: hit.TaskId, differences: diffs } };
}

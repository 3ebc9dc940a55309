import {
  CreateSceneAigcImageTaskRequest,
  type DescribeTaskDetailResponse,
  taskOutcome,
  type WaitOptions,
} from "../../../sdk";
import { camelizeKeys } from "../../casing";
import { defaultSubAppId, tencentClient } from "../clients";
import type { JobContext, JobKind, JobView } from "../job-kind";

/** The SubAppId of a task: the resource's, else the configured default, else the TaskId's own prefix. */
export function subAppIdOf(ctx: JobContext, taskId?: string): number | undefined {
  const own = ctx.inputs.subAppId;
  if (typeof own === "number") return own;
  const fromId = taskId ? Number(/^(\d+)-/.exec(taskId)?.[1]) : Number.NaN;
  return defaultSubAppId() ?? (Number.isSafeInteger(fromId) ? fromId : undefined);
}

/** Signed temporary URLs (`t=` expiry, `sign=`) are bearer tokens: the resource marks them secret. */
export const hasSignedUrl = (url: string) => /[?&](sign|Signature|OSSAccessKeyId|x-oss-signature)=/i.test(url);

/** A Tencent task's view: status, progress and failure from the sdk's reading of DescribeTaskDetail. */
export function tencentTaskView(
  taskId: string,
  d: DescribeTaskDetailResponse,
  outputs: Record<string, unknown>,
): JobView {
  const o = taskOutcome(d);
  return { jobId: taskId, status: d.Status, done: o.done, progress: o.progress, failure: o.failure, outputs };
}

export function sceneView(taskId: string, d: DescribeTaskDetailResponse): JobView {
  const files = d.SceneAigcImageTask?.Output?.FileInfos ?? [];
  return tencentTaskView(taskId, d, {
    outputFiles: camelizeKeys(files),
    resultUrls: files.map((f) => f.FileUrl),
    fileIds: files.map((f) => f.FileId).filter(Boolean),
    createTime: d.CreateTime,
    finishTime: d.FinishTime,
  });
}

/** tencent.SceneAigcImageTask: CreateSceneAigcImageTask → DescribeTaskDetail. */
export const sceneAigcImageTaskKind: JobKind = {
  name: "tencent:SceneAigcImageTask",
  request: CreateSceneAigcImageTaskRequest,
  idOutput: "taskId",
  adoptInput: "adoptTaskId",
  providerInputs: [],
  dedupedByVendor: true,
  goneWhenMissing: false,
  prepare(wire, key) {
    const subAppId = wire.SubAppId ?? defaultSubAppId();
    return { ...wire, ...(subAppId !== undefined ? { SubAppId: subAppId } : {}), SessionId: wire.SessionId || key };
  },
  async submit(ctx, request) {
    return (await tencentClient(ctx.placement).createSceneAigcImageTask(request as never)).TaskId;
  },
  async recover(ctx, request, since) {
    const hit = await tencentClient(ctx.placement).findTaskBySessionId(String(request.SessionId), {
      createdAfter: since,
    });
    return hit
      ? { jobId: hit.TaskId }
      : { notFound: "DescribeTasks lists no task with this SessionId in the last 72 hours" };
  },
  async observe(ctx, taskId) {
    const sub = subAppIdOf(ctx, taskId);
    return sceneView(
      taskId,
      await tencentClient(ctx.placement).describeTaskDetail({ TaskId: taskId, ...(sub ? { SubAppId: sub } : {}) }),
    );
  },
  async wait(ctx, taskId, options: WaitOptions) {
    const d = await tencentClient(ctx.placement).waitForTask(taskId, {
      ...options,
      subAppId: subAppIdOf(ctx, taskId),
      onProgress: (p) => ctx.log(`${taskId} ${p.status} ${p.progress ?? 0}% (${Math.round(p.elapsedMs / 1000)} s)`),
    });
    return sceneView(taskId, d);
  },
};

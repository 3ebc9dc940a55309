// The sdk's modules, not its index: `check` loads this declaration, and must not load the clients' transport.
import type { DescribeTaskDetailResponse } from "../../../sdk";
import { CreateSceneAigcImageTaskRequest } from "../../../sdk/tencent/actions";
import { createSceneAigcImageTaskAdjustments } from "../../../sdk/tencent/scene-aigc-image-adjustments";
import { diffSceneImageTaskInput, sceneImageTaskEchoedRequest } from "../../../sdk/tencent/task-input-match";
import { camelizeKeys } from "../../casing";
import { defineJobKind, type KindView } from "../../job-kind";
import {
  describeTask,
  recoverBySessionId,
  subAppIdOf,
  TENCENT_SESSION_KIND,
  tencentTaskView,
  withTaskSubAppId,
} from "../tencent-task";
import { sceneAigcImageTaskSurface } from "./surface";

function view(taskId: string, d: DescribeTaskDetailResponse): KindView<typeof sceneAigcImageTaskSurface> {
  const files = d.SceneAigcImageTask?.Output?.FileInfos ?? [];
  return tencentTaskView(taskId, d, {
    taskId,
    outputFiles: camelizeKeys(files),
    resultUrls: files.map((f) => f.FileUrl),
    fileIds: files.map((f) => f.FileId).filter(Boolean),
    createTime: d.CreateTime,
    finishTime: d.FinishTime,
  });
}

/**
 * `tencent.SceneAigcImageTask`: a Tencent VOD scene AIGC image job (virtual try-on, product image,
 * outpainting). CreateSceneAigcImageTask, deduplicated by the SessionId the provider owns, then
 * DescribeTaskDetail. Jobs are immutable; temporary result URLs are secret outputs.
 */
export const sceneAigcImageTaskKind = defineJobKind({
  ...sceneAigcImageTaskSurface,
  request: CreateSceneAigcImageTaskRequest,
  idOutput: "taskId",
  adoptInputs: ["adoptTaskId"],
  ...TENCENT_SESSION_KIND,
  goneWhenMissing: false,
  withKey: (request, key) => ({ ...request, SessionId: key }),
  async submit(ctx, request) {
    return (await ctx.clients.tencent().createSceneAigcImageTask(request, { signal: ctx.signal })).TaskId;
  },
  recover: (ctx, request, since) =>
    recoverBySessionId(ctx, request, since, (d) => diffSceneImageTaskInput(request, d.SceneAigcImageTask?.Input)),
  adjustments: (request) => createSceneAigcImageTaskAdjustments(request),
  async observe(ctx, taskId) {
    return view(taskId, await describeTask(ctx, taskId));
  },
  async importLook(ctx, taskId) {
    const d = await describeTask(ctx, taskId);
    return {
      view: view(taskId, d),
      request: withTaskSubAppId(taskId, sceneImageTaskEchoedRequest(d.SceneAigcImageTask?.Input)),
    };
  },
  async wait(ctx, taskId, options) {
    const d = await ctx.clients.tencent().waitForTask(taskId, {
      ...options,
      subAppId: subAppIdOf(ctx, taskId),
    });
    return view(taskId, d);
  },
  profile: ({ sceneInfo }) => `${sceneInfo?.type ?? ""}|${sceneInfo?.aiTryOnConfig?.model ?? ""}`,
});

import type { DescribeTaskDetailResponse } from "./actions/describe-task-detail";
import type { CreateAigcAdvancedCustomElementTask, SceneAigcImageTask } from "./models";

/** The task types this sdk understands, as DescribeTaskDetail spells them. */
export const SCENE_IMAGE_TASK_TYPE = "SceneAigcImageTask";
export const CUSTOM_ELEMENT_TASK_TYPE = "CreateAigcAdvancedCustomElement";

/** A finished scene-image task: its sub-object is present. */
export type SceneImageTaskDetail = DescribeTaskDetailResponse & {
  TaskType: typeof SCENE_IMAGE_TASK_TYPE;
  SceneAigcImageTask: SceneAigcImageTask;
};
/** A finished custom-element task: its sub-object is present. */
export type CustomElementTaskDetail = DescribeTaskDetailResponse & {
  TaskType: typeof CUSTOM_ELEMENT_TASK_TYPE;
  CreateAigcAdvancedCustomElementTask: CreateAigcAdvancedCustomElementTask;
};
/** What `waitForTask` resolves with: the task detail with the matching sub-object expanded. */
export type TencentTaskDetail = SceneImageTaskDetail | CustomElementTaskDetail | DescribeTaskDetailResponse;

export interface TaskOutcome {
  readonly done: boolean;
  /** Top-level status (WAITING, PROCESSING, FINISH, ABORTED). */
  readonly status: string;
  readonly progress: number | undefined;
  /** The task has not started (top-level WAITING; docs/vendor-notes/job-progress-and-durations.md). */
  readonly queued?: boolean | undefined;
  /** Set when the task finished without a usable result: the task-level code and message. */
  readonly failure?: { readonly code: string; readonly message: string } | undefined;
}

/**
 * Reads a DescribeTaskDetail answer the way docs/vendor-notes/tencent-vod.md (task outcomes) says: FINISH does
 * not mean success.
 * A scene image succeeded when ErrCode is 0 and there is at least one output file; an element when
 * ErrCode is 0, ErrCodeExt is "" and InfoList is not empty.
 */
export function taskOutcome(detail: DescribeTaskDetailResponse): TaskOutcome {
  const status = detail.Status;
  const done = status === "FINISH" || status === "ABORTED";
  const scene = detail.SceneAigcImageTask ?? undefined;
  const element = detail.CreateAigcAdvancedCustomElementTask ?? undefined;
  const sub = scene ?? element;
  const progress = sub ? sub.Progress : undefined;
  if (!done) return { done, status, progress, queued: status === "WAITING" };
  if (status === "ABORTED")
    return { done, status, progress, failure: { code: "ABORTED", message: sub?.Message || "the task was aborted" } };
  if (detail.TaskType === SCENE_IMAGE_TASK_TYPE) {
    if (!scene)
      return {
        done,
        status,
        progress,
        failure: { code: "MissingTaskDetail", message: "FINISH without a SceneAigcImageTask object" },
      };
    if (scene.ErrCode !== 0)
      return {
        done,
        status,
        progress,
        failure: { code: String(scene.ErrCode), message: scene.Message || "task failed" },
      };
    if ((scene.Output?.FileInfos.length ?? 0) === 0) {
      return {
        done,
        status,
        progress,
        failure: { code: "NoOutput", message: "the task finished without output files" },
      };
    }
    return { done, status, progress };
  }
  if (detail.TaskType === CUSTOM_ELEMENT_TASK_TYPE) {
    if (!element) {
      return {
        done,
        status,
        progress,
        failure: { code: "MissingTaskDetail", message: "FINISH without a CreateAigcAdvancedCustomElementTask object" },
      };
    }
    if (element.ErrCode !== 0 || element.ErrCodeExt !== "") {
      const code = element.ErrCodeExt || String(element.ErrCode);
      return { done, status, progress, failure: { code, message: element.Message || "task failed" } };
    }
    if ((element.Output?.InfoList.length ?? 0) === 0) {
      return { done, status, progress, failure: { code: "NoOutput", message: "the task finished without an element" } };
    }
  }
  return { done, status, progress };
}

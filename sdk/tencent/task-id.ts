// The TaskId format: docs/vendor-notes/tencent-vod-task-ids-and-listing.md.

/** A VOD TaskId's parts: `<SubAppId>-<TaskType>-<hex>t`, e.g. `251007502-SceneAigcImageTask-9f0c…t`. */
export interface TaskIdParts {
  readonly subAppId: number;
  /** The task type as the id spells it (`SceneAigcImageTask`, `CreateAigcAdvancedCustomElement`). */
  readonly taskType: string;
}

const TASK_ID = /^(\d+)-([A-Za-z][A-Za-z0-9]*)-([0-9a-f]+)t$/;

/**
 * Splits a TaskId into the VOD application it belongs to and its task type; undefined for a string of
 * another form. The application in the id is authoritative: a task is only visible in its own SubAppId.
 */
export function parseTaskId(taskId: string): TaskIdParts | undefined {
  const m = TASK_ID.exec(taskId);
  if (!m) return undefined;
  const subAppId = Number(m[1]);
  if (!Number.isSafeInteger(subAppId) || subAppId <= 0) return undefined;
  return { subAppId, taskType: m[2]! };
}

/** The SubAppId a TaskId was issued in (its numeric prefix), or undefined when the id has another form. */
export function subAppIdFromTaskId(taskId: string): number | undefined {
  return parseTaskId(taskId)?.subAppId;
}

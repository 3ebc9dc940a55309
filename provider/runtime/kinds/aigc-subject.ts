import {
  CreateAigcAdvancedCustomElementRequest,
  type DescribeTaskDetailResponse,
  InvalidParameterError,
  NotFoundError,
  type TencentVodClient,
  type WaitOptions,
} from "../../../sdk";
import { parseJsonLenient } from "../../../sdk/internal";
import { tencentClient } from "../clients";
import type { JobContext, JobKind, JobView } from "../job-kind";
import { sceneAigcImageTaskKind, subAppIdOf, tencentTaskView } from "./scene-aigc-image-task";

/** Jobs adopted by element id (no creation task known) get this pseudo job id. */
const ELEMENT_PREFIX = "element/";

function elementView(taskId: string, d: DescribeTaskDetailResponse): JobView {
  const info = d.CreateAigcAdvancedCustomElementTask?.Output?.InfoList[0];
  return tencentTaskView(taskId, d, {
    elementId: info?.ElementId ?? "",
    // ElementInfo is JSON text on the wire (snake_case keys): exposed as a structured value.
    elementInfo: parseJsonLenient(info?.ElementInfo) ?? {},
    createTime: d.CreateTime,
    finishTime: d.FinishTime,
  });
}

/** Pages DescribeAigcAdvancedCustomElements (300 a page) for one element. */
async function findElement(client: TencentVodClient, subAppId: number | undefined, elementId: string) {
  if (subAppId === undefined)
    throw new InvalidParameterError({
      vendor: "tencent",
      service: "vod",
      action: "DescribeAigcAdvancedCustomElements",
      code: "MissingSubAppId",
      message: "set subAppId (or aigc:tencentSubAppId) to look up elements",
    });
  for (let offset = 0; ; offset += 300) {
    const page = await client.describeAigcAdvancedCustomElements({ SubAppId: subAppId, Offset: offset, Limit: 300 });
    const hit = page.ElementSet.find((e) => e.Id === elementId);
    if (hit || offset + 300 >= page.TotalCount || page.ElementSet.length === 0) return hit;
  }
}

function adoptedElementView(
  jobId: string,
  e: { Id: string; Name: string; Description: string; CreateTime: string },
): JobView {
  return {
    jobId,
    status: "FINISH",
    done: true,
    progress: 100,
    outputs: {
      elementId: e.Id,
      elementInfo: { element_id: e.Id, element_name: e.Name, description: e.Description },
      createTime: e.CreateTime,
      finishTime: "",
    },
  };
}

async function observeElement(ctx: JobContext, jobId: string): Promise<JobView> {
  const client = tencentClient(ctx.placement);
  if (jobId.startsWith(ELEMENT_PREFIX)) {
    const id = jobId.slice(ELEMENT_PREFIX.length);
    const e = await findElement(client, subAppIdOf(ctx), id);
    if (!e)
      throw new NotFoundError({
        vendor: "tencent",
        service: "vod",
        action: "DescribeAigcAdvancedCustomElements",
        code: "ElementNotFound",
        message: `element ${id} does not exist`,
      });
    return adoptedElementView(jobId, e);
  }
  const sub = subAppIdOf(ctx, jobId);
  return elementView(jobId, await client.describeTaskDetail({ TaskId: jobId, ...(sub ? { SubAppId: sub } : {}) }));
}

/** tencent.AigcSubject: CreateAigcAdvancedCustomElement → DescribeTaskDetail; deleted at the vendor on destroy. */
export const aigcSubjectKind: JobKind = {
  name: "tencent:AigcSubject",
  request: CreateAigcAdvancedCustomElementRequest,
  idOutput: "taskId",
  adoptInput: "adoptTaskId",
  providerInputs: ["adoptElementId"],
  dedupedByVendor: true,
  goneWhenMissing: true,
  adoptedJobId(inputs) {
    if (typeof inputs.adoptTaskId === "string" && inputs.adoptTaskId) return inputs.adoptTaskId;
    if (typeof inputs.adoptElementId === "string" && inputs.adoptElementId)
      return `${ELEMENT_PREFIX}${inputs.adoptElementId}`;
    return undefined;
  },
  prepare: sceneAigcImageTaskKind.prepare,
  async submit(ctx, request) {
    return (await tencentClient(ctx.placement).createAigcAdvancedCustomElement(request as never)).TaskId;
  },
  async recover(ctx, request, since) {
    const client = tencentClient(ctx.placement);
    const hit = await client.findTaskBySessionId(String(request.SessionId), { createdAfter: since });
    if (!hit) return { notFound: "DescribeTasks lists no task with this SessionId in the last 72 hours" };
    // A finished task whose element was deleted belongs to an earlier, destroyed incarnation of this resource.
    const view = await observeElement(ctx, hit.TaskId);
    const elementId = String(view.outputs.elementId ?? "");
    if (
      view.done &&
      !view.failure &&
      elementId &&
      !(await findElement(client, subAppIdOf(ctx, hit.TaskId), elementId))
    ) {
      return {
        notFound: `task ${hit.TaskId} with this SessionId created element ${elementId}, which has since been deleted`,
      };
    }
    return { jobId: hit.TaskId };
  },
  observe: observeElement,
  async refresh(ctx, jobId, outputs) {
    // Tasks are visible for 3 days; the element itself is what must still exist.
    const elementId = typeof outputs.elementId === "string" ? outputs.elementId : "";
    if (!elementId) return observeElement(ctx, jobId);
    const e = await findElement(
      tencentClient(ctx.placement),
      subAppIdOf(ctx, jobId.startsWith(ELEMENT_PREFIX) ? undefined : jobId),
      elementId,
    );
    if (!e)
      throw new NotFoundError({
        vendor: "tencent",
        service: "vod",
        action: "DescribeAigcAdvancedCustomElements",
        code: "ElementNotFound",
        message: `element ${elementId} no longer exists`,
      });
    return {
      jobId,
      status: String(outputs.status ?? "FINISH"),
      done: true,
      progress: 100,
      outputs: {
        elementId,
        elementInfo: outputs.elementInfo ?? {},
        createTime: outputs.createTime ?? e.CreateTime,
        finishTime: outputs.finishTime ?? "",
      },
    };
  },
  async wait(ctx, jobId, options: WaitOptions) {
    if (jobId.startsWith(ELEMENT_PREFIX)) return observeElement(ctx, jobId);
    const d = await tencentClient(ctx.placement).waitForTask(jobId, {
      ...options,
      subAppId: subAppIdOf(ctx, jobId),
      onProgress: (p) => ctx.log(`${jobId} ${p.status} ${p.progress ?? 0}% (${Math.round(p.elapsedMs / 1000)} s)`),
    });
    return elementView(jobId, d);
  },
  async remove(ctx, jobId, outputs) {
    const client = tencentClient(ctx.placement);
    let elementId = typeof outputs.elementId === "string" ? outputs.elementId : "";
    if (!elementId) {
      // Still running at destroy time: wait for the element, so that it is not left behind.
      const view = await aigcSubjectKind.wait(ctx, jobId, { timeoutMs: 10 * 60_000 }).catch(() => undefined);
      elementId = String(view?.outputs.elementId ?? "");
      if (!elementId) {
        ctx.log(`${jobId} produced no element; nothing to delete`);
        return;
      }
    }
    const subAppId = subAppIdOf(ctx, jobId.startsWith(ELEMENT_PREFIX) ? undefined : jobId);
    try {
      await client.deleteAigcAdvancedCustomElement({
        ElementId: elementId,
        ...(subAppId ? { SubAppId: subAppId } : {}),
      });
      ctx.log(`deleted element ${elementId}`);
    } catch (err) {
      // Tencent answers InvalidParameterValue for an unknown ElementId: gone only if the list agrees.
      if (err instanceof InvalidParameterError && !(await findElement(client, subAppId, elementId))) {
        ctx.log(`element ${elementId} was already deleted`);
        return;
      }
      throw err;
    }
  },
};

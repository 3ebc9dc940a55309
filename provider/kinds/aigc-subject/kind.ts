// The sdk's modules, not its index: `check` loads this declaration, and must not load the clients' transport.
import type { DescribeTaskDetailResponse, tencentModels, WaitOptions } from "../../../sdk";
import { AbortError, InvalidParameterError, NotFoundError } from "../../../sdk/core/errors";
import { parseJsonLenient } from "../../../sdk/core/schema-helpers";
import { CreateAigcAdvancedCustomElementRequest } from "../../../sdk/tencent/actions";
import { customElementTaskEchoedRequest, diffCustomElementTaskInput } from "../../../sdk/tencent/task-input-match";
import { defineJobKind, type JobContext, type KindInputs, type KindView, type StoredOutputs } from "../../job-kind";
import { defaultSubAppId } from "../../runtime/clients";
import { waitProgressLogger } from "../../runtime/progress-log";
import { runCancellation } from "../../runtime/run-cancellation";
import {
  describeTask,
  recoverBySessionId,
  subAppIdOf,
  TENCENT_KEPT_INPUTS,
  TENCENT_SESSION_KIND,
  tencentTaskView,
  withTaskSubAppId,
} from "../tencent-task";
import { aigcSubjectSurface } from "./surface";

type AigcAdvancedCustomElementInfo = tencentModels.AigcAdvancedCustomElementInfo;

/**
 * Jobs adopted by element id (no creation task known) get the pseudo job id `element/<SubAppId>/<ElementId>`
 * (0.1 wrote `element/<ElementId>`): the application travels with the id, whatever a machine's default is.
 */
const ELEMENT_PREFIX = "element/";

function adoptedElement(jobId: string): { readonly subAppId?: number; readonly elementId: string } | undefined {
  if (!jobId.startsWith(ELEMENT_PREFIX)) return undefined;
  const [a, b] = jobId.slice(ELEMENT_PREFIX.length).split("/");
  return b === undefined ? { elementId: a! } : { subAppId: Number(a), elementId: b };
}
/** How long destroy waits for a still-running creation task to produce its element. */
const DESTROY_WAIT_MS = 10 * 60_000;

type SubjectView = KindView<typeof aigcSubjectSurface>;
type Stored = StoredOutputs<typeof aigcSubjectSurface.outputs>;
/** The hooks' context: the subject's own inputs. */
type SubjectContext = JobContext<
  KindInputs<typeof CreateAigcAdvancedCustomElementRequest, "adoptTaskId" | "adoptElementId">
>;

function elementView(taskId: string, d: DescribeTaskDetailResponse): SubjectView {
  const info = d.CreateAigcAdvancedCustomElementTask?.Output?.InfoList[0];
  const elementId = info?.ElementId ?? "";
  const v = tencentTaskView(taskId, d, {
    taskId,
    elementId,
    // ElementInfo is JSON text on the wire (snake_case keys): exposed as a structured value.
    elementInfo: (parseJsonLenient(info?.ElementInfo) ?? {}) as Record<string, unknown>,
    createTime: d.CreateTime,
    finishTime: d.FinishTime,
  });
  return elementId ? { ...v, heldIds: [elementId] } : v;
}

function summaryView(jobId: string, e: AigcAdvancedCustomElementInfo, stored: Stored = {}): SubjectView {
  return {
    jobId,
    status: typeof stored.status === "string" && stored.status ? stored.status : "FINISH",
    done: true,
    outputs: {
      taskId: jobId,
      elementId: e.Id,
      elementInfo: stored.elementInfo ?? {
        element_id: e.Id,
        element_name: e.Name,
        description: e.Description,
      },
      createTime: typeof stored.createTime === "string" && stored.createTime ? stored.createTime : e.CreateTime,
      finishTime: typeof stored.finishTime === "string" ? stored.finishTime : "",
    },
    heldIds: [e.Id],
  };
}

/** The application of a subject's job: its TaskId's prefix, or the one in an adopted element's pseudo id. */
const appOf = (ctx: SubjectContext, jobId: string) => {
  const adopted = adoptedElement(jobId);
  return adopted ? (adopted.subAppId ?? subAppIdOf(ctx)) : subAppIdOf(ctx, jobId);
};

/** Every element of the subject's application (the sdk pages DescribeAigcAdvancedCustomElements). */
const elementsOf = async (ctx: SubjectContext, jobId: string): Promise<AigcAdvancedCustomElementInfo[]> => {
  const subAppId = appOf(ctx, jobId);
  if (subAppId === undefined) {
    throw new InvalidParameterError({
      vendor: "tencent",
      service: "vod",
      action: "DescribeAigcAdvancedCustomElements",
      code: "MissingSubAppId",
      message: "set subAppId (or aigc:tencentSubAppId) to look up elements",
    });
  }
  const all: AigcAdvancedCustomElementInfo[] = [];
  for await (const e of ctx.clients.tencent().iterateAigcAdvancedCustomElements({ subAppId })) all.push(e);
  return all;
};

const elementGone = (id: string) =>
  new NotFoundError({
    vendor: "tencent",
    service: "vod",
    action: "DescribeAigcAdvancedCustomElements",
    code: "ElementNotFound",
    message: `element ${id} does not exist`,
  });

/** What became of a task whose element is not known yet. */
type Resolution =
  | { readonly view: SubjectView }
  | { readonly unresolved: string; readonly candidates: readonly string[] };

/**
 * Finds the element of a task: from the task while Tencent still shows it (3 days), else from the application's
 * element list — an element with the subject's name, description and voice, created after the task, that no
 * other resource holds. Anything but exactly one candidate stays unresolved: never guessed.
 */
async function resolveElement(ctx: SubjectContext, taskId: string, stored: Stored): Promise<Resolution> {
  try {
    return { view: elementView(taskId, await describeTask(ctx, taskId)) };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  const createdAt = Date.parse(typeof stored.createTime === "string" ? stored.createTime : "") || 0;
  const text = (k: "elementName" | "elementDescription" | "elementVoiceId") => {
    const v: unknown = ctx.inputs[k];
    return typeof v === "string" ? v : "";
  };
  const candidates: AigcAdvancedCustomElementInfo[] = [];
  for (const e of await elementsOf(ctx, taskId)) {
    const at = Date.parse(e.CreateTime) || 0;
    if (e.Name !== text("elementName") || e.Description !== text("elementDescription")) continue;
    if (text("elementVoiceId") && e.VoiceId !== text("elementVoiceId")) continue;
    if (at < createdAt - 1_000 || at > createdAt + 3 * 86400_000) continue;
    if (await ctx.heldElsewhere(e.Id)) continue;
    candidates.push(e);
  }
  if (candidates.length === 1) {
    ctx.log(`task ${taskId} is no longer shown by Tencent; its element is ${candidates[0]!.Id} (by name and time)`);
    return { view: summaryView(taskId, candidates[0]!, stored) };
  }
  return {
    unresolved:
      candidates.length === 0
        ? `task ${taskId} is no longer shown by Tencent and no element matches it (name, description, creation time)`
        : `task ${taskId} is no longer shown by Tencent and ${candidates.length} elements match it`,
    candidates: candidates.map((c) => c.Id),
  };
}

async function observeSubject(ctx: SubjectContext, jobId: string): Promise<SubjectView> {
  const adopted = adoptedElement(jobId);
  if (!adopted) return elementView(jobId, await describeTask(ctx, jobId));
  const id = adopted.elementId;
  const e = (await elementsOf(ctx, jobId)).find((x) => x.Id === id);
  if (!e) throw elementGone(id);
  return summaryView(jobId, e);
}

async function waitForSubject(ctx: SubjectContext, jobId: string, options: WaitOptions): Promise<SubjectView> {
  if (adoptedElement(jobId)) return observeSubject(ctx, jobId);
  const d = await ctx.clients.tencent().waitForTask(jobId, {
    ...options,
    subAppId: subAppIdOf(ctx, jobId),
  });
  return elementView(jobId, d);
}

/**
 * Waits (up to DESTROY_WAIT_MS) for a task still running at destroy or orphan cleanup, so that its element is not
 * left behind; Ctrl-C stops the wait like any other (the run's abort signal).
 * @throws Error on Ctrl-C, saying that nothing was deleted.
 */
async function waitToDelete(ctx: SubjectContext, jobId: string): Promise<SubjectView> {
  try {
    return await waitForSubject(ctx, jobId, {
      timeoutMs: DESTROY_WAIT_MS,
      signal: runCancellation.signal,
      onProgress: waitProgressLogger(ctx.log),
    });
  } catch (err) {
    if (!(err instanceof AbortError && runCancellation.cancelled)) throw err;
    throw new Error(
      `tencent:AigcSubject ${jobId}: cancelled while waiting for its task to make its element; nothing was deleted ` +
        "and the job stays recorded where it was (stack or ledger). Run the command again to delete its element",
    );
  }
}

/**
 * `tencent.AigcSubject`: a Tencent VOD advanced custom AIGC subject (a reusable character or object).
 * CreateAigcAdvancedCustomElement, deduplicated by the SessionId the provider owns, then DescribeTaskDetail for
 * the element id. Destroy deletes the element (unless another resource holds it) or fails loudly; refresh drops
 * the resource only when its element is provably gone.
 */
export const aigcSubjectKind = defineJobKind({
  ...aigcSubjectSurface,
  request: CreateAigcAdvancedCustomElementRequest,
  idOutput: "taskId",
  adoptInputs: ["adoptTaskId", "adoptElementId"],
  adoptInputDescriptions: {
    adoptElementId:
      "Adopts the existing subject with this ElementId (of `subAppId`'s application) instead of creating one, " +
      "when its creating task is unknown: nothing is submitted. A change replaces the resource.",
  },
  ...TENCENT_SESSION_KIND,
  // Finding the element of a task Tencent no longer shows compares these with the application's elements.
  keptInputs: [...TENCENT_KEPT_INPUTS, "elementName", "elementDescription", "elementVoiceId"],
  goneWhenMissing: true,
  adoptedJobId(inputs) {
    if (typeof inputs.adoptTaskId === "string" && inputs.adoptTaskId) return inputs.adoptTaskId;
    if (typeof inputs.adoptElementId === "string" && inputs.adoptElementId) {
      const sub = typeof inputs.subAppId === "number" ? inputs.subAppId : defaultSubAppId();
      return `${ELEMENT_PREFIX}${sub ?? ""}/${inputs.adoptElementId}`;
    }
    return undefined;
  },
  checkInputs(inputs) {
    const adopting = typeof inputs.adoptElementId === "string" && inputs.adoptElementId;
    return adopting &&
      typeof inputs.subAppId !== "number" &&
      inputs.subAppId === undefined &&
      defaultSubAppId() === undefined
      ? [
          {
            property: "subAppId",
            reason: "is required to adopt an element by adoptElementId (or set aigc:tencentSubAppId)",
          },
        ]
      : [];
  },
  withKey: (request, key) => ({ ...request, SessionId: key }),
  async submit(ctx, request) {
    return (await ctx.clients.tencent().createAigcAdvancedCustomElement(request, { signal: ctx.signal })).TaskId;
  },
  recover: (ctx, request, since) =>
    recoverBySessionId(ctx, request, since, (d) =>
      diffCustomElementTaskInput(request, d.CreateAigcAdvancedCustomElementTask?.Input),
    ),
  observe: observeSubject,
  async importLook(ctx, jobId) {
    // An adopted element's pseudo id has no creation task to read the request from.
    if (adoptedElement(jobId)) return { view: await observeSubject(ctx, jobId), request: {} };
    const d = await describeTask(ctx, jobId);
    const echoed = customElementTaskEchoedRequest(d.CreateAigcAdvancedCustomElementTask?.Input);
    return { view: elementView(jobId, d), request: withTaskSubAppId(jobId, echoed) };
  },
  async refresh(ctx, jobId, stored) {
    // Tasks are visible for 3 days; the element itself is what must still exist.
    const elementId = typeof stored.elementId === "string" ? stored.elementId : "";
    const adopted = adoptedElement(jobId);
    if (elementId || adopted) {
      const id = elementId || adopted!.elementId;
      const e = (await elementsOf(ctx, jobId)).find((x) => x.Id === id);
      if (!e) throw elementGone(id);
      return summaryView(jobId, e, stored);
    }
    const r = await resolveElement(ctx, jobId, stored);
    if ("view" in r) return r.view;
    ctx.log(`${r.unresolved}${r.candidates.length ? ` (candidates: ${r.candidates.join(", ")})` : ""}; keeping it`);
    return {
      jobId,
      status: typeof stored.status === "string" ? stored.status : "UNKNOWN",
      done: false,
      outputs: stored as SubjectView["outputs"],
      vendorState: "UNRESOLVED",
    };
  },
  wait: waitForSubject,
  async remove(ctx, jobId, stored, shared) {
    if (shared.has(jobId)) {
      // Another resource holds the task (an adopter): what it made is that resource's too (runtime/held-ids.ts).
      ctx.log(`task ${jobId} is held by another resource; leaving its element alone`);
      return;
    }
    let elementId = typeof stored.elementId === "string" ? stored.elementId : "";
    if (!elementId) elementId = adoptedElement(jobId)?.elementId ?? "";
    if (!elementId) {
      let r = await resolveElement(ctx, jobId, stored);
      if ("view" in r && !r.view.done) {
        // Still running at destroy time: wait for the element, so that it is not left behind.
        r = { view: await waitToDelete(ctx, jobId) };
      }
      if ("unresolved" in r) {
        throw new Error(
          `${aigcSubjectSurface.name} ${jobId}: cannot tell which element it created: ${r.unresolved}` +
            `${r.candidates.length ? ` (candidates: ${r.candidates.join(", ")})` : ""}. Nothing was deleted and the ` +
            "resource stays in the stack. Delete the element in the VOD console (or set adoptElementId to it and run " +
            "`pulumi up`, then destroy again), or, if it never existed, remove the resource with `pulumi state delete`",
        );
      }
      elementId = r.view.outputs.elementId;
      if (!elementId) {
        ctx.log(`${jobId} produced no element (${r.view.failure?.code ?? r.view.status}); nothing to delete`);
        return;
      }
    }
    if (shared.has(elementId)) {
      ctx.log(`element ${elementId} is held by another resource; not deleting it`);
      return;
    }
    const sub = appOf(ctx, jobId);
    try {
      await ctx.clients
        .tencent()
        .deleteAigcAdvancedCustomElement({ ElementId: elementId, ...(sub ? { SubAppId: sub } : {}) });
      ctx.log(`deleted element ${elementId}`);
    } catch (err) {
      // Tencent answers InvalidParameterValue for an unknown ElementId: gone only if the list agrees.
      if (err instanceof InvalidParameterError && !(await elementsOf(ctx, jobId)).some((e) => e.Id === elementId)) {
        ctx.log(`element ${elementId} was already deleted`);
        return;
      }
      throw err;
    }
  },
  // Subjects take about as long whatever their region and inputs: the kind is the whole profile.
  profile: () => "",
});

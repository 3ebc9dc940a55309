// What a job made belongs to whoever holds the job (provider/runtime/held-ids.ts), and an AIGC subject's remove
// honours it; its wait for a running task stops on Ctrl-C with a message that says nothing was deleted.
import { afterEach, describe, expect, it } from "vitest";
import { aigcSubjectKind } from "../../../provider/kinds/aigc-subject/kind";
import { sharedWithJob } from "../../../provider/runtime/held-ids";
import { runCancellation } from "../../../provider/runtime/run-cancellation";
import { AbortError } from "../../../sdk/core/errors";
import { subjectContext } from "../../support/scripted-kinds";

const TASK = "251007502-CreateAigcAdvancedCustomElement-0f0ft";
const running = { Status: "PROCESSING", TaskType: "CreateAigcAdvancedCustomElement", CreateTime: "", FinishTime: "" };

afterEach(() => runCancellation.renew());

describe("a shared job protects what it made", () => {
  it("widens the shared ids to all of the job's when another resource holds the job itself", () => {
    expect([...sharedWithJob(new Set(["t"]), "t", ["t", "el-1", ""])].sort()).toEqual(["el-1", "t"]);
    expect([...sharedWithJob(new Set(["el-2"]), "t", ["t", "el-1"])]).toEqual(["el-2"]);
  });

  it("a subject's remove deletes nothing while another resource holds its task", async () => {
    const deleted: unknown[] = [];
    const tencent = { deleteAigcAdvancedCustomElement: async (r: unknown) => deleted.push(r) };
    await aigcSubjectKind.remove!(subjectContext(tencent), TASK, { elementId: "e-1" }, new Set([TASK]));
    expect(deleted).toEqual([]);
    await aigcSubjectKind.remove!(subjectContext(tencent), TASK, { elementId: "e-1" }, new Set());
    expect(deleted).toHaveLength(1);
  });

  it("Ctrl-C during a subject's remove wait: a clear error, nothing deleted", async () => {
    const deleted: unknown[] = [];
    const tencent = {
      describeTaskDetail: async () => running,
      waitForTask: async (id: string, o: { signal: AbortSignal }) =>
        new Promise((_, reject) =>
          o.signal.addEventListener("abort", () =>
            reject(new AbortError({ vendor: "tencent", service: "vod", action: "DescribeTaskDetail", jobId: id })),
          ),
        ),
      deleteAigcAdvancedCustomElement: async (r: unknown) => deleted.push(r),
    };
    const removing = aigcSubjectKind.remove!(subjectContext(tencent), TASK, {}, new Set()).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 20));
    runCancellation.cancel();
    const err = await removing;
    expect(String(err)).toMatch(/cancelled while waiting for its task to make its element; nothing was deleted/);
    expect(deleted).toEqual([]);
  });
});

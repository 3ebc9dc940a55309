// What a job's wait prints (provider/runtime/progress-log.ts): one status line at the end, and a summary at most
// every 30 s while it runs, instead of a line per poll.
import { afterEach, describe, expect, it, vi } from "vitest";
import { asBatchItem, progressLogger, waitProgressLogger } from "../../../provider/runtime/progress-log";
import type { WaitProgress } from "../../../sdk/core/wait/waiter";

afterEach(() => vi.restoreAllMocks());

const poll = (elapsedMs: number, extra: Partial<WaitProgress> = {}): WaitProgress => ({
  jobId: "t-1",
  status: "RUNNING",
  polls: 1,
  elapsedMs,
  nextDelayMs: 1000,
  ...extra,
});

describe("wait progress", () => {
  it("says where a long wait is every 30 s at most, and once when the job ends", () => {
    const lines: string[] = [];
    let now = 0;
    const onProgress = waitProgressLogger(
      (m) => lines.push(m),
      30_000,
      () => now,
    );
    for (let t = 1_000; t <= 70_000; t += 1_000) {
      now = t;
      onProgress(poll(t, { progress: Math.round(t / 1000) }));
    }
    now = 71_000;
    onProgress(poll(71_000, { status: "SUCCESS", nextDelayMs: undefined }));
    expect(lines).toEqual(["job t-1 RUNNING 30% (30 s)", "job t-1 RUNNING 60% (60 s)", "job t-1 SUCCESS after 71 s"]);
  });

  it("a short job gets its end line only; the lines go to the status side of a job's log", () => {
    const kept: string[] = [];
    const status: string[] = [];
    const log = Object.assign((m: string) => kept.push(m), { status: (m: string) => status.push(m) });
    const onProgress = waitProgressLogger(log, 30_000, () => 0);
    onProgress(poll(2_000));
    onProgress(poll(4_000, { status: "FINISH", nextDelayMs: undefined }));
    expect(status).toEqual(["job t-1 FINISH after 4 s"]);
    expect(kept).toEqual([]);
  });

  it("outside a resource's call (no URN) a line names the kind and the resource, on stderr", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    progressLogger("tencent:AiImageTask", { idempotencyScope: "p/dev/tencent:AiImageTask/cover" }).status(
      "submitted job 1",
    );
    expect(write).toHaveBeenCalledWith('[pulumi-aigc] tencent:AiImageTask "cover": submitted job 1\n');
  });

  it("an item of a batch: its lines name the item, and its status lines give way to the batch's count", async () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    await asBatchItem('items["sku-42"]', async () => {
      const log = progressLogger("tencent:SceneAigcImageTask", { idempotencyScope: "p/dev/t:XSet/cat/sku-42" });
      log.status("job 1 RUNNING (30 s)");
      log("WARNING a value was clamped");
    });
    expect(write.mock.calls).toEqual([
      ['[pulumi-aigc] tencent:SceneAigcImageTask "sku-42": items["sku-42"]: WARNING a value was clamped\n'],
    ]);
  });
});

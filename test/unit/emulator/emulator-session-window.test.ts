// The emulator keeps Tencent's SessionId window as the vendor's request pages give it (its own setting,
// emulator/config.ts): a repeat inside the window is refused without a task, a refused repeat does not renew the
// window, and after it the SessionId is forgotten: a repeat is a new (billed) task. The provider's dedup-window
// decision (provider/runtime/dedup-window.ts) is tested against this behaviour end to end (S17).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator";
import { DuplicateSubmissionError } from "../../../sdk/core/errors";
import { TencentVodClient } from "../../../sdk/tencent/tencent-vod-client";

const DAY = 86_400_000;
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, jobLatencyMs: 300, env: {} });
});
afterAll(async () => emu?.close());

const advance = async (ms: number) => {
  const res = await fetch(`${emu.url}/__emulator/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(res.ok).toBe(true);
};

describe("emulator: Tencent SessionId window", () => {
  it("refuses repeats for three days from the first request, then forgets the SessionId", async () => {
    const c = new TencentVodClient({ endpoint: emu.url, credentials: emu.credentials.tencent, retry: { retries: 0 } });
    const create = () =>
      c.createSceneAigcImageTask({
        SubAppId: 251007502,
        SceneInfo: { Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-lite" } },
        FileInfos: [{ Type: "Url", Url: "https://example.com/model.png" }],
        SessionId: "window-1",
      });
    const first = (await create()).TaskId;
    await expect(create()).rejects.toBeInstanceOf(DuplicateSubmissionError);
    await advance(2 * DAY);
    await expect(create()).rejects.toBeInstanceOf(DuplicateSubmissionError); // refused: does not renew
    await advance(DAY + 60_000);
    const second = (await create()).TaskId;
    expect(second).not.toBe(first);
  });
});

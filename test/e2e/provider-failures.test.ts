// End-to-end, the real Pulumi CLI against the real emulator: what fails before any money is spent (bad inputs at
// preview), a job the vendor fails, and a wait that times out; in each, nothing is submitted twice.

import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, failureText, setOverrides, submissions, type TestStack } from "../../harness";
import { admin, advanceClock, startTestEmulator } from "../support/emulator";

const message = (e: unknown) => String((e as Error)?.message ?? e);
/** Presigned input URLs (S21): one given in clear, one as a secret. Neither query may be printed. */
const CLEAR_PRESIGNED =
  "https://media-1250000000.cos.ap-guangzhou.myqcloud.com/jacket.png?q-sign-algorithm=sha1&q-signature=c1ea7515ecre7";
const SECRET_PRESIGNED = "https://media.oss-cn-shanghai.aliyuncs.com/model.png?Expires=1&Signature=5ecre75ecre7";

describe("bad inputs fail at preview, naming the property, with zero vendor calls", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator();
    t = await createAigcStack("badinputs", emu);
    // S21: the try-on's fileInfos[0].url is this presigned URL as a pulumi.secret(): it must draw no warning.
    await t.stack.setConfig("fixture:secretUrl", { value: SECRET_PRESIGNED, secret: true });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  const cases: Array<[string, Record<string, unknown>, RegExp[]]> = [
    [
      "subject",
      { elementName: "n".repeat(21), elementImageList: { frontal_image: "f", refer_images: [] }, tasksPriority: 11 },
      [
        /elementName.*must be at most 20 characters/,
        /elementImageList\.refer_images.*must be at least 1 item/,
        /tasksPriority.*must be at most 10/,
      ],
    ],
    [
      "tryon",
      {
        sceneInfo: {
          type: "ai_dance",
          aiTryOnConfig: { model: "WAND-tryon-1.0-lite", clothesFileInfos: [{ type: "Url", url: CLEAR_PRESIGNED }] },
        },
        sessionId: "s".repeat(51),
        outputConfig: { resolution: "8K" },
        outputConfg: { storageMode: "Temporary" },
      },
      [
        /sceneInfo\.type.*must be one of "ai_try_on"/,
        /sessionId.*must be at most 50 characters/,
        /outputConfig\.resolution.*must be one of "1K", "2K", "4K"/,
        /outputConfg.*is not a known field \(did you mean 'outputConfig'\?\)/,
        // S21: the presigned URL in clear is named by its property, and the one given as a secret is not.
        /"tryon": sceneInfo\.aiTryOnConfig\.clothesFileInfos\[0\]\.url holds a presigned URL in clear .*secret\(\)/,
      ],
    ],
    [
      "gif",
      { videoId: "", userData: {}, waitTimeoutSeconds: 0, region: "cn-hangzhou" },
      [
        /region.*"cn-hangzhou" is not a region of VOD's AI image APIs: use cn-beijing, cn-shanghai/,
        /videoId.*must not be empty/,
        /userData.*must contain MessageCallback and\/or Extend/,
        /waitTimeoutSeconds.*must be an integer from 1/,
      ],
    ],
    [
      "portrait",
      // imageNumber above 10 and out-of-range seeds are accepted: the service adjusts them (a preview warning).
      { imageNumber: 0, seed: 0.5, prompt: "a girl on a beach", region: "cn-beijng" },
      [
        /region.*"cn-beijng" is not a region of aicontent \(did you mean 'cn-beijing'\?\)/,
        /imageNumber.*must be at least 1/,
        /seed.*must be an integer/,
        /prompt.*must contain the subject placeholder <special-token>/,
      ],
    ],
    [
      "cover",
      {
        functionName: "Dance",
        input: { type: "URL", media: "x" },
        scheduleConfig: { priority: 11 },
        endpoint: "http://ice.example.com",
      },
      [
        /functionName.*must be one of "Cover"/,
        /input\.type.*must be one of "OSS", "Media"/,
        /scheduleConfig\.priority.*must be at most 10/,
        /endpoint.*plain http only on a loopback address/,
      ],
    ],
  ];
  for (const [resource, bad, patterns] of cases) {
    it(`${resource}: ${patterns.length} bad inputs`, async () => {
      await setOverrides(t, { [resource]: bad });
      let printed = "";
      const err = await t.stack.preview({ onOutput: (s) => (printed += s) }).catch((e) => e);
      expect(err).toBeInstanceOf(Error);
      const text = `${printed}\n${message(err)}`;
      for (const p of patterns) expect(text).toMatch(p);
      expect(text).not.toMatch(/: fileInfos\[0\]\.url holds/);
      expect(text).not.toMatch(/q-signature=|Signature=5ecre7/);
      const stats = await admin<{ totals: { requests: number } }>(emu, "stats");
      expect(stats.totals.requests).toBe(0);
    });
  }
});

describe("a vendor-side failure fails up with the vendor's code; fixing the input re-applies", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 500 });
    t = await createAigcStack("failure", emu, {
      only: ["tryon"],
      overrides: { tryon: { sessionContext: "emulator:fail=70000" } },
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("fails with [70000] and the task's message, keeping the TaskId in state", async () => {
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(
      new RegExp(
        "tencent:SceneAigcImageTask 251007502-SceneAigcImageTask-\\w+ failed at the vendor: \\[70000\\] " +
          "emulated failure 70000",
      ),
    );
    const res = (await t.stack.exportStack()).deployment.resources.find((r: { urn: string }) =>
      r.urn.endsWith("::tryon"),
    );
    expect(res.id).toMatch(/SceneAigcImageTask/);
    expect(res.outputs.errorCode).toBe("70000");
  });

  it("a second up without changes does not pay again, and reports the same failure", async () => {
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(/\[70000\]/);
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 1 });
  });

  it("after fixing the input, up replaces it with a new job that succeeds, through throttling", async () => {
    await setOverrides(t, { tryon: { sessionContext: "fixed" } });
    // Issue 21: a busy vendor never fails the update. Six throttling answers in a row outlast the retry count
    // (1 + 4 attempts); a throttled submit was not executed, so it is retried within its time budget.
    await admin(emu, "faults", { throttle: 1, maxFaults: 6, actions: ["CreateSceneAigcImageTask"] });
    const up = await t.stack.up();
    await admin(emu, "faults", {});
    expect(up.outputs.tryonStatus!.value).toBe("FINISH");
    expect((await admin<{ throttled: Record<string, number> }>(emu, "stats")).throttled).toEqual({
      CreateSceneAigcImageTask: 6,
    });
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 2 });
  });
});

describe("a wait timeout keeps the job id; the next up resumes without submitting again", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    // Jobs far longer than the 1 s wait; the emulator's clock, not the wall clock, then finishes them.
    emu = await startTestEmulator({ jobLatencyMs: 600_000 });
    t = await createAigcStack("timeout", emu, {
      only: ["cover", "portrait"],
      overrides: { cover: { waitTimeoutSeconds: 1 }, portrait: { waitTimeoutSeconds: 1 } },
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("times out with the id saved, then completes", async () => {
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(/is still (Queuing|Analysing) after 1 s \(waitTimeoutSeconds\); its id is saved/);
    const ids = (await t.stack.exportStack()).deployment.resources
      .filter((r: { type: string }) => r.type.includes("dynamic"))
      .map((r: { id: string }) => r.id);
    expect(ids).toHaveLength(2);
    await advanceClock(emu, 600_000);
    await setOverrides(t, { cover: { waitTimeoutSeconds: 60 }, portrait: { waitTimeoutSeconds: 60 } });
    const up = await t.stack.up();
    expect(up.outputs.coverStatus!.value).toBe("Success");
    expect(up.outputs.portraitStatus!.value).toBe("FINISHED");
    expect(await submissions(emu)).toEqual({ SubmitIProductionJob: 1, Personalizedtxt2imgAddInferenceJob: 1 });
  });
});

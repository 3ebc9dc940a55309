// What the lifecycle derives from a kind's declaration rather than each kind writing it: the adopted job id (from
// `adoptInputs`), the waiter's history key (the kind's name, then what its `profile` adds: the keys every earlier
// version wrote, so that the ledger's duration history still applies), and what stored outputs say about a job
// (state written by every version, where an ended job has `progress` 100).
import { describe, expect, it } from "vitest";
import { adoptedJobIdOf, profileOf } from "../../../provider/job-kind";
import { aiImageJobKind } from "../../../provider/kinds/ai-image-job/kind";
import { aigcSubjectKind } from "../../../provider/kinds/aigc-subject/kind";
import { productionJobKind } from "../../../provider/kinds/production-job/kind";
import { sceneAigcImageTaskKind } from "../../../provider/kinds/scene-aigc-image-task/kind";
import { txt2ImgInferenceJobKind } from "../../../provider/kinds/txt2img-inference-job/kind";
import { storedProgress, storedStateOf } from "../../../provider/runtime/lifecycle/stored-state";

describe("the adopted job id", () => {
  it("is the first adopt input that is set, as it is; empty or absent means a job of its own", () => {
    expect(adoptedJobIdOf(sceneAigcImageTaskKind, { adoptTaskId: "251007502-Aigc-1" })).toBe("251007502-Aigc-1");
    expect(adoptedJobIdOf(sceneAigcImageTaskKind, { adoptTaskId: "" })).toBeUndefined();
    for (const kind of [aiImageJobKind, productionJobKind, txt2ImgInferenceJobKind]) {
      expect(adoptedJobIdOf(kind, { adoptJobId: "j-1" })).toBe("j-1");
      expect(adoptedJobIdOf(kind, { name: "x" })).toBeUndefined();
    }
  });

  it("is the kind's own where an adopt input is not a job id (an element's pseudo id)", () => {
    expect(adoptedJobIdOf(aigcSubjectKind, { adoptTaskId: "t-1" })).toBe("t-1");
    expect(adoptedJobIdOf(aigcSubjectKind, { adoptElementId: "e-1", subAppId: 7 })).toBe("element/7/e-1");
  });
});

describe("the waiter's history key", () => {
  it("is the kind's name, then what its profile adds: the same keys as every earlier version wrote", () => {
    const tryOn = { sceneInfo: { type: "ai_try_on", aiTryOnConfig: { model: "m1" } } };
    expect(profileOf(sceneAigcImageTaskKind, tryOn)).toBe("tencent:SceneAigcImageTask|ai_try_on|m1");
    expect(profileOf(sceneAigcImageTaskKind, {})).toBe("tencent:SceneAigcImageTask||");
    expect(profileOf(aigcSubjectKind, { elementName: "x" })).toBe("tencent:AigcSubject");
    expect(profileOf(aiImageJobKind, { region: "cn-beijing", aiTemplateId: "t" })).toBe(
      "alibaba:AiImageJob|cn-beijing|t",
    );
    expect(profileOf(productionJobKind, { region: "cn-beijing", functionName: "Cover" })).toBe(
      "alibaba:ProductionJob|cn-beijing|Cover|",
    );
    expect(profileOf(txt2ImgInferenceJobKind, { modelId: "m" })).toBe("alibaba:Txt2ImgInferenceJob|m|1");
  });
});

describe("stored state", () => {
  it("reads a job stored with progress 100 as ended, whatever version wrote it; below 100 as running", () => {
    const legacy = { taskId: "t", status: "FINISH", progress: 100, idempotencyKey: "k", ambiguousSubmissions: 2 };
    expect(storedStateOf(legacy)).toEqual({ key: "k", ambiguous: 2, ended: true });
    expect(storedStateOf({ ...legacy, progress: 99 }).ended).toBe(false);
    expect(storedStateOf({ taskId: "t" })).toEqual({ key: "", ambiguous: 0, ended: false });
  });

  it("stores an ended job with progress 100 and a running one with at most 99", () => {
    expect(storedProgress({ done: true, progress: 40 })).toBe(100);
    expect(storedProgress({ done: false, progress: 100 })).toBe(99);
    expect(storedProgress({ done: false })).toBe(0);
  });
});

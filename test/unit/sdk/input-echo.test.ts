// What a vendor's record of a request gives back for `pulumi import` (sdk/core/input-diff.ts `echo`, through each
// action's `…EchoedRequest`): the set fields as a request carries them; unset values ("", 0, null, zero dates),
// documented defaults and values the vendor assigns on its own are left out, as the comparison treats them.
import { describe, expect, it } from "vitest";
import { iProductionJobEchoedRequest } from "../../../sdk/alibaba/ice/iproduction-job-input-match";
import { aiImageJobEchoedRequest } from "../../../sdk/alibaba/vod/ai-image-job-input-match";
import { customElementTaskEchoedRequest, sceneImageTaskEchoedRequest } from "../../../sdk/tencent/task-input-match";

describe("echoed requests", () => {
  it("a scene task: unset values, the default StorageMode and a zero ExpireTime are left out", () => {
    const recorded = {
      SceneInfo: {
        Type: "product_image",
        AiTryOnConfig: null,
        ProductImageConfig: { Prompt: "a shoe", NegativePrompt: "", OutputImageCount: 1 },
      },
      FileInfos: [{ Type: "Url", FileId: "", Url: "https://e.com/p.png" }],
      OutputConfig: { StorageMode: "Temporary", ClassId: 0, ExpireTime: "0000-00-00T00:00:00Z", Resolution: "2K" },
    };
    expect(sceneImageTaskEchoedRequest(recorded)).toEqual({
      SceneInfo: { Type: "product_image", ProductImageConfig: { Prompt: "a shoe" } },
      FileInfos: [{ Type: "Url", Url: "https://e.com/p.png" }],
      OutputConfig: { Resolution: "2K" },
    });
  });

  it("a custom element task: its JSON-text lists as Tencent recorded them, unset strings left out", () => {
    const recorded = {
      ElementName: "model-a",
      ElementDescription: "",
      ReferenceType: "image_refer",
      ElementVoiceId: "",
      ElementVideoList: "",
      ElementImageList: '{"frontal_image":"https://e.com/f.png"}',
      TagList: "",
    };
    expect(customElementTaskEchoedRequest(recorded)).toEqual({
      ElementName: "model-a",
      ReferenceType: "image_refer",
      ElementImageList: '{"frontal_image":"https://e.com/f.png"}',
    });
  });

  it("an ICE job: the pipeline ICE assigns and the default priority are left out", () => {
    const job = {
      FunctionName: "Cover",
      Input: { Type: "OSS", Media: "oss://b/in.mp4" },
      Output: { Type: "OSS", Media: "oss://b/out.jpg", Biz: "", OutputUrl: "" },
      Name: "",
      ScheduleConfig: { PipelineId: "a1b2", Priority: 6 },
      JobParams: '{"Model":"gif"}',
      UserData: "",
    };
    expect(iProductionJobEchoedRequest(job)).toEqual({
      FunctionName: "Cover",
      Input: { Type: "OSS", Media: "oss://b/in.mp4" },
      Output: { Type: "OSS", Media: "oss://b/out.jpg" },
      JobParams: '{"Model":"gif"}',
    });
  });

  it("a VOD AI image job: the template under the submit's name", () => {
    expect(aiImageJobEchoedRequest({ VideoId: "v1", TemplateId: "t1", UserData: "" })).toEqual({
      VideoId: "v1",
      AITemplateId: "t1",
    });
  });
});

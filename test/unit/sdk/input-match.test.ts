// Verified recovery: a job found by SessionId or marker is adopted only when the input the vendor recorded
// matches the request. The echoes below are written the way each vendor returns them: Tencent's with every
// unset string "", number 0, object null and ExpireTime 0000-00-00T00:00:00Z; ICE's Input/Output/ScheduleConfig
// as objects; VOD's UserData verbatim.
import { describe, expect, it } from "vitest";
import {
  type CreateAigcAdvancedCustomElementRequest,
  type CreateSceneAigcImageTaskRequest,
  diffAIImageJobInput,
  diffCustomElementTaskInput,
  diffIProductionJobInput,
  diffSceneImageTaskInput,
  type SubmitIProductionJobRequest,
} from "../../../sdk";

const MODEL = "https://bucket.cos.ap-guangzhou.myqcloud.com/model.png?sign=q-sign-algorithm%3Dsha1%26q-ak%3DAKID";
const CLOTH = "https://example.com/cloth.png";

/** A try-on request as the provider sends it (FileInfos Type given, a cloth given by FileId only). */
const tryOn: CreateSceneAigcImageTaskRequest = {
  SubAppId: 251007502,
  SceneInfo: {
    Type: "ai_try_on",
    AiTryOnConfig: { Model: "WAND-tryon-1.0-lite", ClothesFileInfos: [{ Type: "Url", Url: CLOTH }, { FileId: "528" }] },
  },
  FileInfos: [{ Type: "Url", Url: MODEL }],
  OutputConfig: { Resolution: "2K" },
  SessionId: "pa-key",
  SessionContext: "ctx",
  TasksPriority: 3,
};

/** What DescribeTaskDetail's SceneAigcImageTask.Input holds for `tryOn`. */
const tryOnEcho = () => ({
  SceneInfo: {
    Type: "ai_try_on",
    AiTryOnConfig: {
      Model: "WAND-tryon-1.0-lite",
      ClothesFileInfos: [
        { Type: "Url", FileId: "", Url: CLOTH },
        { Type: "File", FileId: "528", Url: "" },
      ],
      Prompt: "",
    },
    ChangeClothesConfig: null,
    ProductImageConfig: null,
  },
  FileInfos: [{ Type: "Url", FileId: "", Url: MODEL }],
  OutputConfig: {
    StorageMode: "Temporary",
    MediaName: "",
    ClassId: 0,
    ExpireTime: "0000-00-00T00:00:00Z",
    AspectRatio: "",
    EncodeConfig: null,
    ImageWidth: 0,
    ImageHeight: 0,
    Resolution: "2K",
  },
});

describe("diffSceneImageTaskInput", () => {
  it("matches Tencent's echo of the same request: unset values, defaults and inferred Types do not count", () => {
    expect(diffSceneImageTaskInput(tryOn, tryOnEcho())).toEqual([]);
  });

  it("matches a request that spells the defaults out, and an ExpireTime given with an offset", () => {
    const explicit: CreateSceneAigcImageTaskRequest = {
      ...tryOn,
      OutputConfig: {
        Resolution: "2K",
        StorageMode: "Temporary",
        ClassId: 0,
        EncodeConfig: {},
        ExpireTime: "2026-07-01T08:00:00+08:00",
      },
    };
    const echo = tryOnEcho();
    echo.OutputConfig.ExpireTime = "2026-07-01T00:00:00Z";
    expect(diffSceneImageTaskInput(explicit, echo)).toEqual([]);
  });

  it("matches a product image with the default image count echoed", () => {
    const req: CreateSceneAigcImageTaskRequest = {
      SubAppId: 251007502,
      SceneInfo: { Type: "product_image", ProductImageConfig: { Prompt: "on a beach" } },
      FileInfos: [{ FileId: "5145403720640671256" }],
    };
    const echo = {
      SceneInfo: {
        Type: "product_image",
        AiTryOnConfig: null,
        ChangeClothesConfig: null,
        ProductImageConfig: {
          Prompt: "on a beach",
          NegativePrompt: "",
          ProductDesc: "",
          MoreRequirement: "",
          OutputImageCount: 1,
        },
      },
      FileInfos: [{ Type: "File", FileId: "5145403720640671256", Url: "" }],
      OutputConfig: { StorageMode: "Temporary", MediaName: "", ClassId: 0, ExpireTime: "0000-00-00T00:00:00Z" },
    };
    expect(diffSceneImageTaskInput(req, echo)).toEqual([]);
  });

  it("names every field that differs, by path, and never a value", () => {
    const echo = tryOnEcho();
    echo.SceneInfo.AiTryOnConfig.Model = "WAND-tryon-1.0-pro";
    echo.SceneInfo.AiTryOnConfig.Prompt = "button it up";
    echo.FileInfos[0]!.Url = "https://bucket.cos.ap-guangzhou.myqcloud.com/other.png";
    echo.OutputConfig.StorageMode = "Permanent";
    echo.OutputConfig.Resolution = "4K";
    const diff = diffSceneImageTaskInput(tryOn, echo);
    expect(diff).toEqual([
      "SceneInfo.AiTryOnConfig.Model",
      "SceneInfo.AiTryOnConfig.Prompt",
      "FileInfos.0.Url",
      "OutputConfig.StorageMode",
      "OutputConfig.Resolution",
    ]);
    expect(diff.join(" ")).not.toContain("sign");
  });

  it("counts a missing or extra image, a changed scene type and a set ExpireTime", () => {
    const echo = tryOnEcho();
    echo.SceneInfo.AiTryOnConfig.ClothesFileInfos.pop();
    echo.OutputConfig.ExpireTime = "2026-07-01T00:00:00Z";
    expect(diffSceneImageTaskInput(tryOn, echo)).toEqual([
      "SceneInfo.AiTryOnConfig.ClothesFileInfos",
      "OutputConfig.ExpireTime",
    ]);
    expect(diffSceneImageTaskInput(tryOn, { ...tryOnEcho(), SceneInfo: { Type: "outpainting" } })).toEqual([
      "SceneInfo.Type",
      "SceneInfo.AiTryOnConfig.Model",
      "SceneInfo.AiTryOnConfig.ClothesFileInfos",
    ]);
  });

  it("counts a File image recorded for a Url one", () => {
    const echo = tryOnEcho();
    echo.FileInfos[0] = { Type: "File", FileId: "528", Url: "" };
    expect(diffSceneImageTaskInput(tryOn, echo)).toEqual(["FileInfos.0.Type", "FileInfos.0.FileId", "FileInfos.0.Url"]);
  });

  it("finds everything different when the task has no recorded input", () => {
    expect(diffSceneImageTaskInput(tryOn, null)).toContain("SceneInfo.Type");
  });
});

const imageSubject: CreateAigcAdvancedCustomElementRequest = {
  SubAppId: 221073,
  ElementName: "Mia",
  ReferenceType: "image_refer",
  ElementImageList: { frontal_image: "https://x/f.png", refer_images: [{ image_url: "https://x/1.png" }] },
  TagList: '[{"tag_id": "o_101"}, {"tag_id": "o_102"}]',
  SessionId: "pa-key",
};

/** CreateAigcAdvancedCustomElementTask.Input: every field a string, "" when unset. */
const subjectEcho = () => ({
  ElementName: "Mia",
  ElementDescription: "",
  ReferenceType: "image_refer",
  ElementVoiceId: "",
  ElementVideoList: "",
  ElementImageList: '{"refer_images":[{"image_url":"https://x/1.png"}],"frontal_image":"https://x/f.png"}',
  TagList: '[{"tag_id":"o_101"},{"tag_id":"o_102"}]',
});

describe("diffCustomElementTaskInput", () => {
  it("compares the JSON-text fields as parsed JSON: spacing and key order do not count", () => {
    expect(diffCustomElementTaskInput(imageSubject, subjectEcho())).toEqual([]);
  });

  it("counts a different name, voice, reference image or tag order", () => {
    const echo = {
      ...subjectEcho(),
      ElementName: "Mia 2",
      ElementVoiceId: "878988",
      ElementImageList: '{"frontal_image":"https://x/f.png","refer_images":[{"image_url":"https://x/2.png"}]}',
      TagList: '[{"tag_id":"o_102"},{"tag_id":"o_101"}]',
    };
    expect(diffCustomElementTaskInput(imageSubject, echo)).toEqual([
      "ElementName",
      "ElementVoiceId",
      "ElementImageList",
      "TagList",
    ]);
  });

  it("counts a video list recorded where the request has none", () => {
    const echo = { ...subjectEcho(), ElementVideoList: '{"refer_videos":[{"video_url":"https://x/v.mp4"}]}' };
    expect(diffCustomElementTaskInput(imageSubject, echo)).toEqual(["ElementVideoList"]);
  });
});

const VIDEO = "357a8748c5774a0e89d2726e6436aa01";
const TEMPLATE = "ef1a8842cb9f4d1bcea80cad902e4160";

describe("diffAIImageJobInput", () => {
  const req = {
    VideoId: VIDEO,
    AITemplateId: TEMPLATE,
    UserData: '{"Extend":{"pulumiAigcKey":"pa-key"},"MessageCallback":{"CallbackURL":"https://cb.example.com/vod"}}',
  };
  const job = {
    VideoId: VIDEO,
    TemplateId: TEMPLATE,
    UserData: '{"MessageCallback":{"CallbackURL":"https://cb.example.com/vod"},"Extend":{"pulumiAigcKey":"pa-key"}}',
  };

  it("matches GetAIImageJobs' echo (TemplateId for AITemplateId, UserData as JSON)", () => {
    expect(diffAIImageJobInput(req, job)).toEqual([]);
    expect(diffAIImageJobInput({ ...req, UserData: JSON.parse(req.UserData) }, job)).toEqual([]);
  });

  it("names the request fields that differ", () => {
    const other = { ...job, TemplateId: "0".repeat(32), UserData: '{"Extend":{"pulumiAigcKey":"pa-old"}}' };
    expect(diffAIImageJobInput(req, other)).toEqual(["AITemplateId", "UserData"]);
    expect(diffAIImageJobInput({ VideoId: VIDEO, AITemplateId: TEMPLATE }, { ...job, UserData: "" })).toEqual([]);
  });
});

describe("diffIProductionJobInput", () => {
  const req: SubmitIProductionJobRequest = {
    FunctionName: "Cover",
    Input: '{"Type":"OSS","Media":"oss://my-bucket/in/a.mp4"}',
    Output: { Type: "OSS", Media: "oss://my-bucket/out/{index}.jpg" },
    JobParams: '{"Model":"gif", "Count": 3}',
    UserData: '{"pulumiAigcKey":"pa-key"}',
  };
  /** QueryIProductionJob: Input, Output and ScheduleConfig are objects; ICE picked a pipeline and priority 6. */
  const job = () => ({
    RequestId: "R",
    JobId: "20b48fb04483915d4f2cd8ac12345678",
    Name: "",
    FunctionName: "Cover",
    Input: { Type: "OSS", Media: "oss://my-bucket/in/a.mp4" },
    Output: { Type: "OSS", Media: "oss://my-bucket/out/{index}.jpg", Biz: "", OutputUrl: "" },
    TemplateId: "",
    JobParams: '{"Count":3,"Model":"gif"}',
    ScheduleConfig: { PipelineId: "a2e2b7f0c1d34e5f8a9b0c1d2e3f4a5b", Priority: 6 },
    UserData: '{"pulumiAigcKey":"pa-key"}',
    Result: "",
    Status: "Queuing",
  });

  it("matches the echo: objects for JSON text, assigned pipeline and default priority, empty Biz/Name", () => {
    expect(diffIProductionJobInput(req, job())).toEqual([]);
    expect(diffIProductionJobInput({ ...req, ScheduleConfig: { Priority: 6 } }, job())).toEqual([]);
  });

  it("counts a different output, priority, pipeline the request named, name or user data", () => {
    const other = job();
    other.Output.Media = "oss://my-bucket/out/cover.jpg";
    other.ScheduleConfig = { PipelineId: "b".repeat(32), Priority: 3 };
    other.Name = "cover";
    other.UserData = "free text";
    const named: SubmitIProductionJobRequest = { ...req, ScheduleConfig: { PipelineId: "a".repeat(32) } };
    expect(diffIProductionJobInput(named, other)).toEqual([
      "Output.Media",
      "Name",
      "ScheduleConfig.PipelineId",
      "ScheduleConfig.Priority",
      "UserData",
    ]);
  });

  it("counts JobParams that differ as JSON, and a missing template", () => {
    const other = { ...job(), JobParams: '{"Model":"png","Count":3}', TemplateId: "c".repeat(32) };
    expect(diffIProductionJobInput(req, other)).toEqual(["TemplateId", "JobParams"]);
  });
});

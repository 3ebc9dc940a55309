// Every example request and response on the five vendor API pages behind this project, as conformance tests:
// through the sdk's parsers and clients, through the emulator, and through the official SDK where one covers
// the action. Requests go to the emulator (started with no id lists: every well-formed id exists); responses
// are served byte for byte by a scripted server to both the official SDK and ours.
//
// Sources: the tccli examples of CreateAigcAdvancedCustomElement and CreateSceneAigcImageTask; the Alibaba API
// pages of VOD SubmitAIImageJob, aicontent Personalizedtxt2imgAddInferenceJob and ICE QueryIProductionJob.
// Masked ids (`*****`) are unmasked with valid characters where the mask makes an example unusable; each place
// says so.

import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import RPCClient from "@alicloud/pop-core";
import * as $Util from "@alicloud/tea-util";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import {
  AlibabaAiContentClient,
  AlibabaIceClient,
  AlibabaVodClient,
  CreateAigcAdvancedCustomElementRequest,
  CreateAigcAdvancedCustomElementResponse,
  CreateSceneAigcImageTaskRequest,
  CreateSceneAigcImageTaskResponse,
  Personalizedtxt2imgAddInferenceJobRequest,
  Personalizedtxt2imgAddInferenceJobResponse,
  parseIProductionResult,
  QueryIProductionJobResponse,
  SubmitAIImageJobRequest,
  SubmitAIImageJobResponse,
  TencentVodClient,
} from "pulumi-aigc/sdk";
import * as tencentcloud from "tencentcloud-sdk-nodejs-vod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator } from "../support/emulator";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server";

let emu: RunningEmulator;
let scripted: ScriptedServer;
beforeAll(async () => {
  emu = await startTestEmulator({ jobLatencyMs: 200 });
  scripted = await startScriptedServer();
});
afterAll(async () => {
  await emu.close();
  await scripted.close();
});
beforeEach(() => {
  scripted.requests.length = 0;
});

const hostOf = (url: string) => url.replace("http://", "");
const tencentOfficial = (url: string, c = emu.credentials.tencent) =>
  new tencentcloud.vod.v20180717.Client({
    credential: { secretId: c.secretId, secretKey: c.secretKey },
    region: "ap-guangzhou",
    profile: { httpProfile: { endpoint: hostOf(url), protocol: "http://" } },
  });
const tencentOurs = (url: string) => new TencentVodClient({ endpoint: url, credentials: emu.credentials.tencent });
const popCore = (url: string, apiVersion: string) =>
  new RPCClient({ ...emu.credentials.alibaba, endpoint: url, apiVersion });
const alibabaOurs = { endpoint: "", credentials: { accessKeyId: "", accessKeySecret: "" } };
const ours = <T>(Client: new (o: typeof alibabaOurs) => T, url: string) =>
  new Client({ endpoint: url, credentials: emu.credentials.alibaba });

async function openapi(url: string, p: { action: string; pathname: string; method: string; body?: unknown }) {
  const c = emu.credentials.alibaba;
  const client = new OpenApi(new $OpenApi.Config({ ...c, endpoint: hostOf(url), protocol: "HTTP" }));
  const params = new $OpenApi.Params({
    action: p.action,
    version: "20240611",
    protocol: "HTTP",
    pathname: p.pathname,
    method: p.method,
    authType: "AK",
    style: "ROA",
    reqBodyType: "json",
    bodyType: "json",
  });
  return (await client.callApi(
    params,
    new $OpenApi.OpenApiRequest(p.body ? { body: p.body } : {}),
    new $Util.RuntimeOptions({}),
  )) as { statusCode: number; body: Record<string, unknown> };
}

// ---- Tencent: CreateAigcAdvancedCustomElement --------------------------------------------------------------

/** The tccli example, as sent: ElementImageList and TagList are JSON text (TagList with spaces after commas). */
const ELEMENT_REQUEST = {
  SubAppId: 221073,
  ElementName: "testname",
  ElementDescription: "testdescription",
  ReferenceType: "image_refer" as const,
  ElementVoiceId: "123333",
  ElementImageList:
    '{"frontal_image":"image_url_0","refer_images":[{"image_url":"image_url_1"},{"image_url":"image_url_2"},' +
    '{"image_url":"image_url_3"}]}',
  TagList: '[{"tag_id": "o_101"}, {"tag_id": "o_102"}]',
};
const ELEMENT_RESPONSE = {
  Response: {
    TaskId: "221073-CreateAigcAdvancedCustomElement-927af0f45e354127835f6ec67c48f2a9t",
    RequestId: "2ff6980c-db91-488b-bb5b-04e8eb5661d2",
  },
};

describe("Tencent CreateAigcAdvancedCustomElement: the page's example", () => {
  it("the request is valid for the sdk, which keeps its JSON texts byte for byte", () => {
    const parsed = CreateAigcAdvancedCustomElementRequest.parse(ELEMENT_REQUEST);
    expect(parsed.ElementImageList).toBe(ELEMENT_REQUEST.ElementImageList);
    expect(parsed.TagList).toBe(ELEMENT_REQUEST.TagList);
  });

  it("the emulator accepts it from the official SDK and from ours, under the example's SubAppId", async () => {
    const official = await tencentOfficial(emu.url).CreateAigcAdvancedCustomElement(ELEMENT_REQUEST);
    const mine = await tencentOurs(emu.url).createAigcAdvancedCustomElement(ELEMENT_REQUEST);
    for (const r of [official, mine]) {
      expect(r.TaskId).toMatch(/^221073-CreateAigcAdvancedCustomElement-[0-9a-f]{32}t$/);
      expect(r.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const detail = await tencentOurs(emu.url).waitForTask(mine.TaskId, { subAppId: 221073, minDelayMs: 50 });
    const input = detail.CreateAigcAdvancedCustomElementTask!.Input as Record<string, string>;
    expect(input.TagList).toBe(ELEMENT_REQUEST.TagList);
    expect(input.ElementVoiceId).toBe("123333");
  });

  it("the response reads the same through the official SDK, our parser and our client", async () => {
    scripted.script({ json: ELEMENT_RESPONSE });
    const official = await tencentOfficial(scripted.url).CreateAigcAdvancedCustomElement(ELEMENT_REQUEST);
    const mine = await tencentOurs(scripted.url).createAigcAdvancedCustomElement(ELEMENT_REQUEST);
    expect(CreateAigcAdvancedCustomElementResponse.parse(ELEMENT_RESPONSE.Response)).toEqual(ELEMENT_RESPONSE.Response);
    expect(official).toEqual(ELEMENT_RESPONSE.Response);
    expect(mine).toEqual(ELEMENT_RESPONSE.Response);
  });
});

// ---- Tencent: CreateSceneAigcImageTask (deprecated change_clothes, as the page still shows it) ----------------

/**
 * The page's FileIds are masked (`3704211***509819`): a FileId is a decimal string, so the stars are unmasked
 * with zeros (`3704211000509819`). As written, the emulator rightly answers InvalidParameterValue.FileId.
 */
const SCENE_REQUEST = {
  SubAppId: 251440382,
  SceneInfo: {
    Type: "change_clothes" as const,
    ChangeClothesConfig: { ClothesFileInfos: [{ FileId: "3704211000509819" }] },
  },
  FileInfos: [{ FileId: "3704211000509820" }],
  OutputConfig: { StorageMode: "Temporary" as const, MediaName: "myfile", ClassId: 0 },
  SessionId: "mysession",
  SessionContext: "mySessionContext",
  TasksPriority: 10,
  ExtInfo: "myextinfo",
};
/** The page's TaskId is masked too; the response parser takes it as written. */
const SCENE_RESPONSE = {
  Response: {
    RequestId: "3185a050-c13a-4119-83a2-ed55802034c7",
    TaskId: "251440382-SceneAigcImageTask-*****8a5d76bcacaaec9a6d823e4t",
  },
};

describe("Tencent CreateSceneAigcImageTask: the page's change_clothes example", () => {
  it("the request is valid for the sdk (a bare FileId, no Type)", () => {
    expect(CreateSceneAigcImageTaskRequest.safeParse(SCENE_REQUEST).success).toBe(true);
  });

  it("the emulator accepts it from the official SDK and from ours; its SessionId deduplicates the second", async () => {
    const official = await tencentOfficial(emu.url).CreateSceneAigcImageTask(SCENE_REQUEST);
    expect(official.TaskId).toMatch(/^251440382-SceneAigcImageTask-[0-9a-f]{32}t$/);
    const again = await tencentOurs(emu.url)
      .createSceneAigcImageTask(SCENE_REQUEST)
      .catch((e) => e);
    expect(again.code).toBe("InvalidParameterValue.SessionId");
    const mine = await tencentOurs(emu.url).createSceneAigcImageTask({ ...SCENE_REQUEST, SessionId: "mysession-2" });
    const task = (await tencentOurs(emu.url).waitForTask(mine.TaskId, { subAppId: 251440382, minDelayMs: 50 }))
      .SceneAigcImageTask!;
    expect(task.SessionContext).toBe("mySessionContext");
    expect((task.Input as { SceneInfo: { Type: string } }).SceneInfo.Type).toBe("change_clothes");
  });

  it("the masked FileId as written is not a FileId", async () => {
    const masked = { ...SCENE_REQUEST, SessionId: "", FileInfos: [{ FileId: "3704211***509820" }] };
    await expect(tencentOfficial(emu.url).CreateSceneAigcImageTask(masked)).rejects.toMatchObject({
      code: "InvalidParameterValue.FileId",
    });
  });

  it("the response reads the same through the official SDK, our parser and our client", async () => {
    scripted.script({ json: SCENE_RESPONSE });
    const official = await tencentOfficial(scripted.url).CreateSceneAigcImageTask(SCENE_REQUEST);
    const mine = await tencentOurs(scripted.url).createSceneAigcImageTask(SCENE_REQUEST);
    expect(CreateSceneAigcImageTaskResponse.parse(SCENE_RESPONSE.Response)).toEqual(SCENE_RESPONSE.Response);
    expect(official).toEqual(SCENE_RESPONSE.Response);
    expect(mine).toEqual(SCENE_RESPONSE.Response);
  });
});

// ---- Alibaba VOD: SubmitAIImageJob ----------------------------------------------------------------------------

/**
 * The page's ids are masked with five stars. VideoId and AITemplateId are unmasked with hex digits to the
 * 32 hex characters VOD issues. The AIPipelineId example is 30 characters long: unmasked as written (hex
 * digits for the stars), it shows that the page types these ids as plain strings.
 */
const VOD_REQUEST = {
  VideoId: "357a8748c5774a0e0089d2726e6436aa",
  AITemplateId: "ef1a8842cb9f0a0e0cea80cad902e416",
  UserData: '{"Extend":{"localId":"****","test":"www"}}',
  AIPipelineId: "6492025b8f0a0e06ba5bb755a33438",
};
const VOD_RESPONSE = { JobId: "cf08a2c6e11e*****de1711b738b9067", RequestId: "218A6807-A21E-43*****54-C0512880B0B0" };

describe("Alibaba VOD SubmitAIImageJob: the page's example", () => {
  it("the request, AIPipelineId included, is valid for the sdk", () => {
    expect(VOD_REQUEST.AIPipelineId).toHaveLength(30);
    expect(SubmitAIImageJobRequest.safeParse(VOD_REQUEST).success).toBe(true);
  });

  it("the emulator accepts it from pop-core, openapi-client and our client", async () => {
    const pop = (await popCore(emu.url, "2017-03-21").request("SubmitAIImageJob", VOD_REQUEST, {
      method: "POST",
    })) as { JobId: string };
    const c = emu.credentials.alibaba;
    const v3 = new OpenApi(new $OpenApi.Config({ ...c, endpoint: hostOf(emu.url), protocol: "HTTP" }));
    const viaV3 = (await v3.callApi(
      new $OpenApi.Params({
        action: "SubmitAIImageJob",
        version: "2017-03-21",
        protocol: "HTTP",
        pathname: "/",
        method: "POST",
        authType: "AK",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "json",
      }),
      new $OpenApi.OpenApiRequest({ query: VOD_REQUEST }),
      new $Util.RuntimeOptions({}),
    )) as { body: { JobId: string } };
    const mine = await ours(AlibabaVodClient, emu.url).submitAIImageJob(VOD_REQUEST);
    for (const id of [pop.JobId, viaV3.body.JobId, mine.JobId]) expect(id).toMatch(/^[0-9a-f]{32}$/);
    const job = await ours(AlibabaVodClient, emu.url).waitForAIImageJob(mine.JobId, { minDelayMs: 50 });
    expect(job.UserData).toBe(VOD_REQUEST.UserData);
  });

  it("the response (masked ids and all) reads the same through pop-core, our parser and our client", async () => {
    scripted.script({ json: VOD_RESPONSE });
    const pop = await popCore(scripted.url, "2017-03-21").request("SubmitAIImageJob", VOD_REQUEST, { method: "POST" });
    const mine = await ours(AlibabaVodClient, scripted.url).submitAIImageJob(VOD_REQUEST);
    expect(pop).toEqual(VOD_RESPONSE);
    expect(SubmitAIImageJobResponse.parse(VOD_RESPONSE)).toEqual(VOD_RESPONSE);
    expect(mine).toEqual(VOD_RESPONSE);
  });
});

// ---- aicontent: Personalizedtxt2imgAddInferenceJob -------------------------------------------------------------

/** The page's request example (the prompt keeps its `<special-token>`, which the help page's HTML loses). */
const AIC_REQUEST = { modelId: "xxxx-xxxx-xxxx", prompt: "a <special-token> in the snow", imageNumber: 1, seed: 1 };
/** The sample in the page's response table, right after a submit. */
const AIC_NOT_START = {
  success: true,
  errCode: null,
  errMessage: null,
  requestId: "abec5678-3536-4808-ab5a-eb165cd9109f",
  data: {
    id: "1",
    promptId: "prompt_id-xxxx-xxxx-xxxx-xxxx",
    modelId: "model_id-xxxx-xxxx-xxxx-xxxx",
    jobStatus: "NOT_START",
    resultImageUrl: null,
    createUserId: "109988888888",
    createTime: "2024-06-28T11:02:32.441184",
  },
};
/**
 * The page's "success response" example: success true, yet errCode UNKNOWN_ERROR and httpStatusCode 200, and
 * `id` written as a number. Its head is as on the page; the `data` fields after modelId are the page's field
 * examples (the sample is generated from them).
 */
const AIC_TEMPLATE = {
  requestId: "xxxx-xxxx-xxxx-xxxxxxxx",
  success: true,
  errCode: "UNKNOWN_ERROR",
  errMessage: "未知错误",
  httpStatusCode: 200,
  data: {
    id: 3220,
    promptId: "promptId-xxxx-xxxx-xxxx",
    modelId: "modelId-xxxx-xxxx-xxxx",
    jobStatus: "FINISHED",
    jobTrainProgress: 0.5,
    resultImageUrl: ["0000.png"],
    createTime: "2023-12-25T12:00:00",
  },
};

describe("aicontent Personalizedtxt2imgAddInferenceJob: the page's examples", () => {
  it("the request is valid for the sdk, and the emulator accepts it from openapi-client and our client", async () => {
    expect(Personalizedtxt2imgAddInferenceJobRequest.safeParse(AIC_REQUEST).success).toBe(true);
    const official = await openapi(emu.url, {
      action: "Personalizedtxt2imgAddInferenceJob",
      pathname: "/api/v1/personalizedtxt2img/addInferenceJob",
      method: "POST",
      body: AIC_REQUEST,
    });
    const mine = await ours(AlibabaAiContentClient, emu.url).personalizedtxt2imgAddInferenceJob(AIC_REQUEST);
    for (const res of [official.body, mine]) {
      // The emulator's answer has every key of the page's sample.
      expect(Object.keys(res)).toEqual(expect.arrayContaining(Object.keys(AIC_NOT_START)));
      expect(Object.keys(res.data as object)).toEqual(expect.arrayContaining(Object.keys(AIC_NOT_START.data)));
      expect((res.data as { jobStatus: string }).jobStatus).toBe("NOT_START");
    }
  });

  for (const [name, sample, id] of [
    ["the NOT_START sample", AIC_NOT_START, "1"],
    ["the success sample with errCode UNKNOWN_ERROR and httpStatusCode 200", AIC_TEMPLATE, "3220"],
  ] as const) {
    it(`${name} is a success for openapi-client, our parser and our client`, async () => {
      scripted.script({ json: sample });
      const official = await openapi(scripted.url, {
        action: "Personalizedtxt2imgAddInferenceJob",
        pathname: "/api/v1/personalizedtxt2img/addInferenceJob",
        method: "POST",
        body: AIC_REQUEST,
      });
      expect(official.body).toEqual(sample);
      const parsed = Personalizedtxt2imgAddInferenceJobResponse.parse(sample);
      const mine = await ours(AlibabaAiContentClient, scripted.url).personalizedtxt2imgAddInferenceJob(AIC_REQUEST);
      for (const r of [parsed, mine]) {
        expect(r.success).toBe(true);
        expect(r.data.id).toBe(id);
        expect(r.data.jobStatus).toBe(sample.data.jobStatus);
      }
    });
  }
});

// ---- ICE: QueryIProductionJob ------------------------------------------------------------------------------

/**
 * The page's full response example, from its field examples: FunctionName Cover, Result "{}" (not the list
 * Cover documents), OutputMediaIds [""]. The masked JobId (`****20b48fb04483915d4f2cd8ac****`) is unmasked with
 * hex digits; it is only echoed. String lists without a field example are [""] on the page.
 */
const ICE_RESPONSE = {
  RequestId: "31E30781-9495-5E2D-A84D-759B0A01E262",
  JobId: "000020b48fb04483915d4f2cd8ac0000",
  Name: "测试任务",
  FunctionName: "Cover",
  Input: { Type: "OSS", Media: "oss://bucket/object" },
  Output: { Type: "OSS", Media: "oss://bucket/object" },
  OutputFiles: [""],
  OutputMediaIds: [""],
  OutputUrls: [""],
  Result: "{}",
  Status: "Success",
  TemplateId: "000096e8864746a0b6f30000",
  JobParams: '{"Model":"gif"}',
  ScheduleConfig: { PipelineId: "a54fdc9c9aab413caef0d1150f565e86", Priority: 6 },
  UserData: '{"test":1}',
  CreateTime: "2022-07-07T07:16:11Z",
  FinishTime: "2021-11-26T14:50:25Z",
};
/** The page's AudioQualityAssessment result: one object per channel, string values under labelled keys. */
const AQA_CHANNEL = (channel: string, mos: string) => ({
  MOS: "Good",
  "MOS(0-5)": mos,
  "Worst MOS(0-5)": "3.12",
  Noisiness: "Excellent",
  "Noisiness(0-5)": "4.60",
  "Worst Noisiness(0-5)": "4.21",
  Coloration: "Good",
  "Coloration(0-5)": "3.98",
  "Worst Coloration(0-5)": "3.50",
  Discontinuity: "Excellent",
  "Discontinuity(0-5)": "4.81",
  "Worst Discontinuity(0-5)": "4.40",
  Loudness: "Fair",
  "Loudness(0-5)": "3.20",
  "Loudness(-90dB-0dB)": "-26.5",
  "Speech Ratio": "0.76",
  "Double Talk Ratio(%)": "0.00",
  "Saturated Ratio(%)": "0.00",
  "Bad Mute Ratio(%)": "0.35",
  Channel: channel,
  "Total Duration": "60.02",
  Time: "2023-03-07 15:24:31",
  Input: "oss://bucket/object.wav",
  Tag: "Valid",
});
const AQA_RESULT = JSON.stringify([AQA_CHANNEL("0", "4.02"), AQA_CHANNEL("1", "3.95")]);

describe("ICE QueryIProductionJob: the page's examples", () => {
  it("the full response reads through pop-core, our parser and our client", async () => {
    scripted.script({ json: ICE_RESPONSE });
    const pop = await popCore(scripted.url, "2020-11-09").request(
      "QueryIProductionJob",
      { JobId: ICE_RESPONSE.JobId },
      { method: "POST" },
    );
    expect(pop).toEqual(ICE_RESPONSE);
    const mine = await ours(AlibabaIceClient, scripted.url).queryIProductionJob({ JobId: ICE_RESPONSE.JobId });
    const parsed = QueryIProductionJobResponse.parse(ICE_RESPONSE);
    for (const r of [parsed, mine]) {
      expect(r.Status).toBe("Success");
      expect(r.Result).toBe("{}");
      // An empty entry names no media: the lists read as empty.
      expect([r.OutputMediaIds, r.OutputFiles, r.OutputUrls]).toEqual([[], [], []]);
      expect(r.ScheduleConfig).toEqual({ PipelineId: "a54fdc9c9aab413caef0d1150f565e86", Priority: 6 });
    }
    // "{}" is not the documented Cover result (a list of frames): the raw text stays, no typed result.
    expect(mine.ParsedResult).toBeUndefined();
  });

  it("the emulator's answer has every field of the page's example", async () => {
    const pop = popCore(emu.url, "2020-11-09");
    const { JobId } = (await pop.request(
      "SubmitIProductionJob",
      { FunctionName: "Cover", Input: JSON.stringify(ICE_RESPONSE.Input), Output: JSON.stringify(ICE_RESPONSE.Output) },
      { method: "POST" },
    )) as { JobId: string };
    const job = (await pop.request("QueryIProductionJob", { JobId }, { method: "POST" })) as Record<string, unknown>;
    expect(Object.keys(job)).toEqual(expect.arrayContaining(Object.keys(ICE_RESPONSE)));
  });

  it("the two-channel AudioQualityAssessment result parses as two channels; the emulator answers alike", async () => {
    const parsed = parseIProductionResult("AudioQualityAssessment", AQA_RESULT);
    if (parsed?.FunctionName !== "AudioQualityAssessment") throw new Error("not parsed as AudioQualityAssessment");
    expect(parsed.Result.map((c) => c.Channel)).toEqual(["0", "1"]);
    const ice = ours(AlibabaIceClient, emu.url);
    const { JobId } = await ice.submitIProductionJob({
      FunctionName: "AudioQualityAssessment",
      Input: { Type: "OSS", Media: "oss://bucket/object.wav" },
      Output: { Type: "OSS", Media: "oss://bucket/aqa.json" },
    });
    const done = await ice.waitForIProductionJob(JobId, { minDelayMs: 50 });
    const channels = done.ParsedResult?.Result as Array<Record<string, string>>;
    expect(channels).toHaveLength(2);
    for (const c of channels) expect(Object.keys(c).sort()).toEqual(Object.keys(AQA_CHANNEL("0", "")).sort());
  });
});

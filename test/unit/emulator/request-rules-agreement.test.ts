// The sdk's request schemas and the emulator's own request tables are written separately, both from the vendors'
// documentation. This test runs one corpus of requests through both and demands the same verdict: a rule that
// is wrong on one side fails here. When they disagreed, the vendor docs decided (docs/vendor-notes/), and the
// case that caught it stays in the corpus. The few differences kept on purpose are listed in INTENDED.

import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AICONTENT_RULES } from "../../../emulator/alibaba/aicontent-rules";
import { RPC_RULES } from "../../../emulator/alibaba/rpc-rules";
import { TENCENT_RULES } from "../../../emulator/tencent/request-rules";
import { validateRequest } from "../../../emulator/validation/request-validator";
import type { ObjectRule } from "../../../emulator/validation/rules";
import { Personalizedtxt2imgAddInferenceJobRequest } from "../../../sdk/alibaba/aicontent/actions";
import {
  CancelIProductionJobRequest,
  QueryIProductionJobRequest,
  SubmitIProductionJobRequest,
} from "../../../sdk/alibaba/ice/actions";
import {
  GetAIImageJobsRequest,
  ListAIImageInfoRequest,
  SubmitAIImageJobRequest,
} from "../../../sdk/alibaba/vod/actions";
import {
  CreateAigcAdvancedCustomElementRequest,
  CreateSceneAigcImageTaskRequest,
  DeleteAigcAdvancedCustomElementRequest,
  DescribeAigcAdvancedCustomElementsRequest,
  DescribeTaskDetailRequest,
  DescribeTasksRequest,
} from "../../../sdk/tencent/actions";

type Req = Record<string, unknown>;

/**
 * Differences kept on purpose, each with its reason. The sdk refuses a key the API does not define, where
 * the Alibaba gateway (and the content of a JSON-text field) would ignore it: a misspelt optional field would
 * otherwise be dropped silently and a paid job run without it.
 */
const INTENDED = {
  unknownAlibabaKey: "sdk refuses a parameter the API does not define; Alibaba ignores it (typo guard)",
  unknownJsonKey: "sdk refuses a key a JSON-text field does not define; the vendor ignores it (typo guard)",
} as const;

interface Suite {
  readonly action: string;
  readonly sdk: z.ZodType;
  readonly emulator: ObjectRule;
  readonly wire: "json" | "form";
  readonly base: Req;
  readonly cases: ReadonlyArray<readonly [name: string, patch: Req, intended?: keyof typeof INTENDED]>;
}

const U = "https://example.com/model.png";
const tryOn: Req = {
  SubAppId: 251007502,
  SceneInfo: { Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-lite" } },
  FileInfos: [{ Type: "Url", Url: U }],
};
const file = (n: number) => Array.from({ length: n }, () => ({ Type: "Url", Url: U }));
const scene = (SceneInfo: Req, extra: Req = {}) => ({ SceneInfo, ...extra });
const images = (n: number) =>
  JSON.stringify({ frontal_image: "f", refer_images: Array.from({ length: n }, (_, i) => ({ image_url: `i${i}` })) });

const tencent: Suite[] = [
  {
    action: "CreateSceneAigcImageTask",
    sdk: CreateSceneAigcImageTaskRequest,
    emulator: TENCENT_RULES.CreateSceneAigcImageTask!.request,
    wire: "json",
    base: tryOn,
    cases: [
      ["the base request", {}],
      ["no SubAppId (required by the page)", { SubAppId: undefined }],
      ["SubAppId as text", { SubAppId: "251007502" }],
      ["SubAppId not an integer", { SubAppId: 1.5 }],
      ["no SceneInfo", { SceneInfo: undefined }],
      ["an unknown scene Type", scene({ Type: "ai_dance" })],
      ["ai_try_on without AiTryOnConfig", scene({ Type: "ai_try_on" })],
      ["a try-on Model that does not exist", scene({ Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-x" } })],
      ["try-on without a Model", scene({ Type: "ai_try_on", AiTryOnConfig: {} })],
      [
        "four garments",
        scene({ Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-pro", ClothesFileInfos: file(4) } }),
      ],
      [
        "five garments",
        scene({ Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-pro", ClothesFileInfos: file(5) } }),
      ],
      [
        "no garments in the list",
        scene({ Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-pro", ClothesFileInfos: [] } }),
      ],
      ["two model photos for try-on", { FileInfos: file(2) }],
      ["no model photo for try-on", { FileInfos: undefined }],
      ["product_image without its config", scene({ Type: "product_image" })],
      [
        "product_image with 10 photos",
        scene({ Type: "product_image", ProductImageConfig: {} }, { FileInfos: file(10) }),
      ],
      [
        "product_image with 11 photos",
        scene({ Type: "product_image", ProductImageConfig: {} }, { FileInfos: file(11) }),
      ],
      ["OutputImageCount 10", scene({ Type: "product_image", ProductImageConfig: { OutputImageCount: 10 } })],
      ["OutputImageCount 11", scene({ Type: "product_image", ProductImageConfig: { OutputImageCount: 11 } })],
      [
        "OutputImageCount 0 (uint64: the default)",
        scene({ Type: "product_image", ProductImageConfig: { OutputImageCount: 0 } }),
      ],
      ["outpainting with one image", scene({ Type: "outpainting" })],
      ["outpainting with two images", scene({ Type: "outpainting" }, { FileInfos: file(2) })],
      [
        "deprecated change_clothes, FileId only (the page's example)",
        scene(
          { Type: "change_clothes", ChangeClothesConfig: { ClothesFileInfos: [{ FileId: "3704211000509819" }] } },
          { FileInfos: [{ FileId: "3704211000509820" }] },
        ),
      ],
      ["change_clothes without its config", scene({ Type: "change_clothes" })],
      [
        "change_clothes with five garments",
        scene({ Type: "change_clothes", ChangeClothesConfig: { ClothesFileInfos: file(5) } }),
      ],
      [
        "change_clothes with no garment",
        scene({ Type: "change_clothes", ChangeClothesConfig: { ClothesFileInfos: [] } }),
      ],
      ["change_clothes_top_wear without config", scene({ Type: "change_clothes_top_wear" })],
      [
        "change_clothes_top_wear with two garments",
        scene({ Type: "change_clothes_top_wear", ChangeClothesConfig: { ClothesFileInfos: file(2) } }),
      ],
      [
        "a config of another Type (ProductImageConfig with ai_try_on)",
        scene({ Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-lite" }, ProductImageConfig: {} }),
      ],
      ["a bare FileId", { FileInfos: [{ FileId: "5145403720640671256" }] }],
      ["Type File without FileId", { FileInfos: [{ Type: "File" }] }],
      ["Type File with an empty FileId", { FileInfos: [{ Type: "File", FileId: "" }] }],
      ["Type Url without Url", { FileInfos: [{ Type: "Url" }] }],
      ["a Url that is not a URL", { FileInfos: [{ Type: "Url", Url: "model.png" }] }],
      ["an ftp Url", { FileInfos: [{ Type: "Url", Url: "ftp://example.com/a.png" }] }],
      ["an empty FileId next to a Url", { FileInfos: [{ Type: "Url", Url: U, FileId: "" }] }],
      ["an empty file info", { FileInfos: [{}] }],
      ["an unknown file Type", { FileInfos: [{ Type: "Cos", Url: U }] }],
      ["an unknown key in a file info", { FileInfos: [{ Type: "Url", Url: U, Size: 1 }] }],
      ["StorageMode Permanent", { OutputConfig: { StorageMode: "Permanent" } }],
      ["an unknown StorageMode", { OutputConfig: { StorageMode: "Forever" } }],
      ["MediaName of 64 characters", { OutputConfig: { MediaName: "m".repeat(64) } }],
      ["MediaName of 65 characters", { OutputConfig: { MediaName: "m".repeat(65) } }],
      ["ClassId -1", { OutputConfig: { ClassId: -1 } }],
      ["ExpireTime in UTC", { OutputConfig: { ExpireTime: "2026-01-01T00:00:00Z" } }],
      ["ExpireTime with an offset", { OutputConfig: { ExpireTime: "2020-09-07T00:00:00+08:00" } }],
      ["ExpireTime that is not a date", { OutputConfig: { ExpireTime: "tomorrow" } }],
      ["an AspectRatio outside the list", scene({ Type: "outpainting" }, { OutputConfig: { AspectRatio: "7:5" } })],
      ["Quality 100", { OutputConfig: { EncodeConfig: { Quality: 100 } } }],
      ["Quality 0", { OutputConfig: { EncodeConfig: { Quality: 0 } } }],
      ["Quality 101", { OutputConfig: { EncodeConfig: { Quality: 101 } } }],
      ["Format GIF", { OutputConfig: { EncodeConfig: { Format: "GIF" } } }],
      ["ImageWidth 0 (uint64)", scene({ Type: "outpainting" }, { OutputConfig: { ImageWidth: 0 } })],
      ["Resolution 8K", { OutputConfig: { Resolution: "8K" } }],
      [
        "Resolution on product_image (applies to ai_try_on only)",
        scene({ Type: "product_image", ProductImageConfig: {} }, { OutputConfig: { Resolution: "2K" } }),
      ],
      ["AspectRatio on ai_try_on (applies elsewhere)", { OutputConfig: { AspectRatio: "1:1" } }],
      [
        "ImageWidth on product_image",
        scene({ Type: "product_image", ProductImageConfig: {} }, { OutputConfig: { ImageWidth: 512 } }),
      ],
      ["SessionId of 50 characters", { SessionId: "s".repeat(50) }],
      ["SessionId of 51 characters", { SessionId: "s".repeat(51) }],
      ["SessionContext of 1000 characters", { SessionContext: "c".repeat(1000) }],
      ["SessionContext of 1001 characters", { SessionContext: "c".repeat(1001) }],
      ["TasksPriority 10", { TasksPriority: 10 }],
      ["TasksPriority -11", { TasksPriority: -11 }],
      ["TasksPriority 0.5", { TasksPriority: 0.5 }],
      ["ExtInfo text", { ExtInfo: "myextinfo" }],
      ["ExtInfo a number", { ExtInfo: 1 }],
      ["an unknown parameter", { Prompt: "x" }],
      ["an unknown key in SceneInfo", scene({ Type: "outpainting", Extra: 1 })],
    ],
  },
  {
    action: "CreateAigcAdvancedCustomElement",
    sdk: CreateAigcAdvancedCustomElementRequest,
    emulator: TENCENT_RULES.CreateAigcAdvancedCustomElement!.request,
    wire: "json",
    base: { SubAppId: 221073, ReferenceType: "image_refer", ElementImageList: images(3) },
    cases: [
      ["the base request", {}],
      ["no SubAppId (optional on this page)", { SubAppId: undefined }],
      ["ElementName of 20 characters", { ElementName: "n".repeat(20) }],
      ["ElementName of 21 characters", { ElementName: "n".repeat(21) }],
      ["ElementDescription of 101 characters", { ElementDescription: "d".repeat(101) }],
      ["an unknown ReferenceType", { ReferenceType: "audio_refer" }],
      ["image_refer without ElementImageList", { ElementImageList: undefined }],
      ["video_refer without ElementVideoList", { ReferenceType: "video_refer", ElementImageList: undefined }],
      [
        "video_refer with one video",
        { ReferenceType: "video_refer", ElementVideoList: '{"refer_videos":[{"video_url":"v"}]}' },
      ],
      [
        "video_refer with two videos",
        { ReferenceType: "video_refer", ElementVideoList: '{"refer_videos":[{"video_url":"a"},{"video_url":"b"}]}' },
      ],
      [
        "video_refer with an empty video_url",
        { ReferenceType: "video_refer", ElementVideoList: '{"refer_videos":[{"video_url":""}]}' },
      ],
      ["no ReferenceType and no lists", { ReferenceType: undefined, ElementImageList: undefined }],
      ["one refer image", { ElementImageList: images(1) }],
      ["no refer image", { ElementImageList: images(0) }],
      ["four refer images", { ElementImageList: images(4) }],
      ["no frontal image", { ElementImageList: '{"refer_images":[{"image_url":"a"}]}' }],
      ["ElementImageList that is not JSON", { ElementImageList: "{frontal_image" }],
      // The sdk takes a complete object and sends it as JSON text, so only an incomplete one is refused by both
      // (the sdk: no refer_images; the emulator, which judges the wire: not JSON text).
      ["ElementImageList as an object without refer_images", { ElementImageList: { frontal_image: "f" } }],
      [
        "an undocumented key inside ElementImageList",
        { ElementImageList: JSON.stringify({ frontal_image: "f", refer_images: [{ image_url: "a" }], extra: 1 }) },
        "unknownJsonKey",
      ],
      ["TagList with spaces (the page's example)", { TagList: '[{"tag_id": "o_101"}, {"tag_id": "o_102"}]' }],
      ["an empty TagList", { TagList: "[]" }],
      ["a tag without tag_id", { TagList: "[{}]" }],
      ["TagList as a JSON object", { TagList: '{"tag_id":"o_101"}' }],
      ["DisableModeration True", { DisableModeration: "True" }],
      ["DisableModeration true (lower case)", { DisableModeration: "true" }],
      ["ElementVoiceId as a number", { ElementVoiceId: 123333 }],
      ["TasksPriority 11", { TasksPriority: 11 }],
    ],
  },
  {
    action: "DescribeAigcAdvancedCustomElements",
    sdk: DescribeAigcAdvancedCustomElementsRequest,
    emulator: TENCENT_RULES.DescribeAigcAdvancedCustomElements!.request,
    wire: "json",
    base: { SubAppId: 251007502 },
    cases: [
      ["the base request", {}],
      ["no SubAppId", { SubAppId: undefined }],
      ["Offset 20, Limit 10", { Offset: 20, Limit: 10 }],
      ["Offset 5, Limit 10", { Offset: 5, Limit: 10 }],
      ["Offset 5, default Limit", { Offset: 5 }],
      ["Limit 300", { Limit: 300 }],
      ["Limit 301", { Limit: 301 }],
      ["Limit 0", { Limit: 0 }],
      ["Offset -10", { Offset: -10 }],
    ],
  },
  {
    action: "DeleteAigcAdvancedCustomElement",
    sdk: DeleteAigcAdvancedCustomElementRequest,
    emulator: TENCENT_RULES.DeleteAigcAdvancedCustomElement!.request,
    wire: "json",
    base: { SubAppId: 251007502, ElementId: "858449709428916275" },
    cases: [
      ["the base request", {}],
      ["no ElementId", { ElementId: undefined }],
      ["an empty ElementId", { ElementId: "" }],
      ["no SubAppId", { SubAppId: undefined }],
    ],
  },
  {
    action: "DescribeTaskDetail",
    sdk: DescribeTaskDetailRequest,
    emulator: TENCENT_RULES.DescribeTaskDetail!.request,
    wire: "json",
    base: { TaskId: "251007502-SceneAigcImageTask-0123456789abcdef0123456789abcdeft" },
    cases: [
      ["the base request", {}],
      ["with SubAppId", { SubAppId: 251007502 }],
      ["an empty TaskId", { TaskId: "" }],
      ["no TaskId", { TaskId: undefined }],
    ],
  },
  {
    action: "DescribeTasks",
    sdk: DescribeTasksRequest,
    emulator: TENCENT_RULES.DescribeTasks!.request,
    wire: "json",
    base: {},
    cases: [
      ["an empty request", {}],
      ["Status FINISH", { Status: "FINISH" }],
      ["Status ABORTED (not a filter value)", { Status: "ABORTED" }],
      ["Limit 100", { Limit: 100 }],
      ["Limit 101", { Limit: 101 }],
      ["Limit 0 (uint64: the default)", { Limit: 0 }],
      ["a time range", { CreateTime: { After: "2026-01-01T00:00:00Z", Before: "2026-01-02T00:00:00+08:00" } }],
      ["a time range that is not ISO", { CreateTime: { After: "yesterday" } }],
      ["Sort without Order", { Sort: { Field: "CreateTime" } }],
      ["Sort by an unknown field", { Sort: { Field: "TaskId", Order: "Asc" } }],
      ["an unknown parameter", { TaskType: "SceneAigcImageTask" }],
    ],
  },
];

const VIDEO = "357a8748c5774a0e089d2726e6436aa0";
const TEMPLATE = "ef1a8842cb9f0000acea80cad902e416";
const ossIn = '{"Type":"OSS","Media":"oss://bucket/in.mp4"}';
const ossOut = '{"Type":"OSS","Media":"oss://bucket/out/c.jpg"}';

const alibaba: Suite[] = [
  {
    action: "SubmitAIImageJob",
    sdk: SubmitAIImageJobRequest,
    emulator: RPC_RULES.SubmitAIImageJob!.request,
    wire: "form",
    base: { VideoId: VIDEO, AITemplateId: TEMPLATE },
    cases: [
      ["the base request", {}],
      ["a VideoId that is not 32 hex (the page says string)", { VideoId: "video-1" }],
      ["an AITemplateId that is not 32 hex", { AITemplateId: "template-1" }],
      ["an empty VideoId", { VideoId: "" }],
      ["no AITemplateId", { AITemplateId: undefined }],
      ["the page's 30-character AIPipelineId", { AIPipelineId: "6492025b8f00000006ba5bb755a334" }],
      ["an empty AIPipelineId", { AIPipelineId: "" }],
      ["UserData with Extend (the page's example)", { UserData: '{"Extend":{"localId":"xxx","test":"www"}}' }],
      ["UserData with a callback", { UserData: '{"MessageCallback":{"CallbackURL":"https://example.com/cb"}}' }],
      ["UserData with a callback that is not a URL", { UserData: '{"MessageCallback":{"CallbackURL":"cb"}}' }],
      ["UserData without MessageCallback or Extend", { UserData: "{}" }],
      ["UserData that is not JSON", { UserData: "order=7" }],
      ["UserData over 512 bytes", { UserData: JSON.stringify({ Extend: { k: "é".repeat(300) } }) }],
      ["UserData with Extend as text", { UserData: '{"Extend":"x"}' }],
      ["an undocumented key in UserData", { UserData: '{"Extend":{},"Other":1}' }, "unknownJsonKey"],
      ["an undocumented parameter", { Priority: "5" }, "unknownAlibabaKey"],
    ],
  },
  {
    action: "GetAIImageJobs",
    sdk: GetAIImageJobsRequest,
    emulator: RPC_RULES.GetAIImageJobs!.request,
    wire: "form",
    base: { JobIds: "a,b" },
    cases: [
      ["two ids", {}],
      ["an empty id in the list", { JobIds: "a,,b" }],
      ["ten ids", { JobIds: Array.from({ length: 10 }, (_, i) => `j${i}`).join(",") }],
      ["eleven ids", { JobIds: Array.from({ length: 11 }, (_, i) => `j${i}`).join(",") }],
      ["no ids", { JobIds: "" }],
    ],
  },
  {
    action: "ListAIImageInfo",
    sdk: ListAIImageInfoRequest,
    emulator: RPC_RULES.ListAIImageInfo!.request,
    wire: "form",
    base: { VideoId: VIDEO },
    cases: [
      ["a 32-hex VideoId", {}],
      ["any other VideoId text", { VideoId: "video-1" }],
      ["no VideoId", { VideoId: undefined }],
    ],
  },
  {
    action: "SubmitIProductionJob",
    sdk: SubmitIProductionJobRequest,
    emulator: RPC_RULES.SubmitIProductionJob!.request,
    wire: "form",
    base: { FunctionName: "Cover", Input: ossIn, Output: ossOut },
    cases: [
      ["the base request", {}],
      ["an unknown FunctionName", { FunctionName: "Dance" }],
      ["Output Type Media without Media (the vendor creates one)", { Output: '{"Type":"Media"}' }],
      [
        "Output Type Media with a media id",
        { Output: '{"Type":"Media","Media":"b5b6e8f1d2c3","OutputUrl":"oss://b/o.mp4"}' },
      ],
      ["Output Type OSS without Media", { Output: '{"Type":"OSS"}' }],
      ["Output OSS media that is not an OSS address", { Output: '{"Type":"OSS","Media":"https://example.com/o.jpg"}' }],
      [
        "Output OSS media on the bucket's https host",
        { Output: '{"Type":"OSS","Media":"https://bucket.oss-cn-shanghai.aliyuncs.com/o.jpg"}' },
      ],
      ["Input Type URL", { Input: '{"Type":"URL","Media":"x"}' }],
      ["Input without Media", { Input: '{"Type":"Media"}' }],
      ["Input Type Media with a media id", { Input: '{"Type":"Media","Media":"0123456789abcdef0123456789abcdef"}' }],
      ["Input that is not JSON", { Input: "oss://bucket/in.mp4" }],
      [
        "an undocumented key in Input",
        { Input: '{"Type":"OSS","Media":"oss://bucket/in.mp4","Region":"x"}' },
        "unknownJsonKey",
      ],
      ["Name of 100 characters", { Name: "n".repeat(100) }],
      ["Name of 101 characters", { Name: "n".repeat(101) }],
      ["a 32-hex TemplateId", { TemplateId: "a54fdc9c9aab413caef0d1150f565e86" }],
      ["a TemplateId that is not 32 hex", { TemplateId: "t-1" }],
      ["JobParams as JSON", { JobParams: '{"Model":"gif"}' }],
      ["JobParams that is not JSON", { JobParams: "{Model:gif" }],
      ["JobParams as a JSON array", { JobParams: "[1]" }],
      ["ScheduleConfig with Priority 6", { ScheduleConfig: '{"PipelineId":"p","Priority":6}' }],
      ["ScheduleConfig with Priority 11", { ScheduleConfig: '{"Priority":11}' }],
      ["ScheduleConfig with Priority 0", { ScheduleConfig: '{"Priority":0}' }],
      ["ScheduleConfig with an empty PipelineId", { ScheduleConfig: '{"PipelineId":""}' }],
      ["UserData of 256 characters", { UserData: "u".repeat(256) }],
      ["UserData of 257 characters", { UserData: "u".repeat(257) }],
      ["an undocumented parameter", { ClientToken: "t-1" }, "unknownAlibabaKey"],
    ],
  },
  {
    action: "QueryIProductionJob",
    sdk: QueryIProductionJobRequest,
    emulator: RPC_RULES.QueryIProductionJob!.request,
    wire: "form",
    base: { JobId: "20b48fb04483915d4f2cd8ac01234567" },
    cases: [
      ["the base request", {}],
      ["with a ClientToken", { ClientToken: "token-1" }],
      ["an empty JobId", { JobId: "" }],
    ],
  },
  {
    action: "CancelIProductionJob",
    sdk: CancelIProductionJobRequest,
    emulator: RPC_RULES.CancelIProductionJob!.request,
    wire: "form",
    base: { JobId: "20b48fb04483915d4f2cd8ac01234567" },
    cases: [
      ["the base request", {}],
      ["with a ClientToken", { ClientToken: "token-1" }],
      ["no JobId", { JobId: undefined }],
    ],
  },
  {
    action: "Personalizedtxt2imgAddInferenceJob",
    sdk: Personalizedtxt2imgAddInferenceJobRequest,
    emulator: AICONTENT_RULES.find((r) => r.action === "Personalizedtxt2imgAddInferenceJob")!.request,
    wire: "json",
    base: { modelId: "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b", prompt: "a <special-token> in the snow" },
    cases: [
      ["the base request", {}],
      ["imageNumber 10", { imageNumber: 10 }],
      ["imageNumber 14 (the service lowers it to 10)", { imageNumber: 14 }],
      ["imageNumber 0", { imageNumber: 0 }],
      ["imageNumber 1.5", { imageNumber: 1.5 }],
      ["seed -1", { seed: -1 }],
      ["seed 2147483647", { seed: 2147483647 }],
      ["seed 2147483648 (the service picks one)", { seed: 2147483648 }],
      ["seed -2 (the service picks one)", { seed: -2 }],
      ["seed 0.5", { seed: 0.5 }],
      ["a prompt without the placeholder", { prompt: "a girl in the snow" }],
      ["an empty modelId", { modelId: "" }],
      ["no prompt", { prompt: undefined }],
      ["an undocumented field", { strength: 0.5 }, "unknownAlibabaKey"],
    ],
  },
];

/** A request with `patch` applied (an undefined value removes the key). */
function apply(base: Req, patch: Req): Req {
  const out: Req = { ...base, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete out[k];
  return out;
}

for (const suite of [...tencent, ...alibaba]) {
  describe(`${suite.action}: the sdk and the emulator judge alike`, () => {
    for (const [name, patch, intended] of suite.cases) {
      it(name, () => {
        const request = apply(suite.base, patch);
        const sdkOk = suite.sdk.safeParse(request).success;
        const violations = validateRequest(suite.emulator, request, { wire: suite.wire });
        const emuOk = violations.length === 0;
        const verdicts = { sdk: sdkOk ? "accepts" : "refuses", emulator: emuOk ? "accepts" : "refuses" };
        if (intended) {
          // The kept difference, exactly as described: the sdk refuses what the vendor would ignore.
          expect(verdicts, INTENDED[intended]).toEqual({ sdk: "refuses", emulator: "accepts" });
        } else {
          expect(verdicts, JSON.stringify(violations[0] ?? null)).toEqual({
            sdk: verdicts.emulator,
            emulator: verdicts.emulator,
          });
        }
      });
    }
  });
}

it("every Tencent and Alibaba action the emulator serves is covered by the corpus", () => {
  const covered = new Set([...tencent, ...alibaba].map((s) => s.action));
  const served = [
    ...Object.keys(TENCENT_RULES),
    ...Object.keys(RPC_RULES),
    ...AICONTENT_RULES.filter((r) => r.method === "POST").map((r) => r.action),
  ];
  expect(served.filter((a) => !covered.has(a))).toEqual([]);
});

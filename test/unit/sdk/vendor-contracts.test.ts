// The sdk's request contracts where the vendors' pages correct them: values the vendor adjusts instead of
// refusing (the sdk accepts them and says what will happen), region limits, and ids the pages type as strings.
import { describe, expect, it } from "vitest";
import { Personalizedtxt2imgAddInferenceJobRequest } from "../../../sdk/alibaba/aicontent/actions";
import { personalizedtxt2imgAdjustments } from "../../../sdk/alibaba/aicontent/inference-adjustments";
import {
  AlibabaVodClient,
  assertVodAiImageRegion,
  VOD_AI_IMAGE_REGIONS,
  vodEndpointFor,
} from "../../../sdk/alibaba/alibaba-vod-client";
import { SubmitIProductionJobRequest } from "../../../sdk/alibaba/ice/actions";
import { SubmitAIImageJobRequest } from "../../../sdk/alibaba/vod/actions";
import { ConfigurationError } from "../../../sdk/core/errors";
import { CreateSceneAigcImageTaskRequest } from "../../../sdk/tencent/actions";
import { createSceneAigcImageTaskAdjustments } from "../../../sdk/tencent/scene-aigc-image-adjustments";

describe("aicontent: values the service adjusts are accepted, and the adjustment is named", () => {
  const base = { modelId: "m", prompt: "a <special-token> in the snow" };

  it("accepts imageNumber above 10 and any integer seed", () => {
    for (const extra of [{ imageNumber: 14 }, { seed: 2147483648 }, { seed: -2 }, { imageNumber: 10, seed: -1 }]) {
      expect(Personalizedtxt2imgAddInferenceJobRequest.safeParse({ ...base, ...extra }).success).toBe(true);
    }
  });

  it("says imageNumber above 10 becomes 10 and an out-of-range seed is replaced", () => {
    expect(personalizedtxt2imgAdjustments({ ...base, imageNumber: 14, seed: 2147483648 })).toEqual([
      "imageNumber 14 is above 10: the service generates 10 images.",
      "seed 2147483648 is outside -1..2147483647: the service replaces it with a seed of its choice, " +
        "so the images are not reproducible.",
    ]);
    expect(personalizedtxt2imgAdjustments({ ...base, seed: -2 })).toHaveLength(1);
  });

  it("says nothing when the request is taken as written", () => {
    expect(personalizedtxt2imgAdjustments({ ...base, imageNumber: 10, seed: -1 })).toEqual([]);
    expect(personalizedtxt2imgAdjustments({ ...base, seed: 2147483647 })).toEqual([]);
    expect(personalizedtxt2imgAdjustments({})).toEqual([]);
  });

  it("keeps the <special-token> rule", () => {
    expect(Personalizedtxt2imgAddInferenceJobRequest.safeParse({ ...base, prompt: "a girl" }).success).toBe(false);
  });
});

describe("Tencent scene images: settings of another scene type are accepted with a warning", () => {
  const productImage = {
    SubAppId: 251007502,
    SceneInfo: { Type: "product_image" as const, ProductImageConfig: { OutputImageCount: 0 } },
    FileInfos: [{ Type: "Url" as const, Url: "https://example.com/p.png" }],
    OutputConfig: { Resolution: "2K" as const, AspectRatio: "4:3" as const },
  };

  it("accepts them", () => {
    expect(CreateSceneAigcImageTaskRequest.safeParse(productImage).success).toBe(true);
  });

  it("names each one", () => {
    expect(createSceneAigcImageTaskAdjustments(productImage)).toEqual([
      "OutputConfig.Resolution applies only to Type ai_try_on; it has no effect for product_image.",
      "SceneInfo.ProductImageConfig.OutputImageCount 0 means the default: Tencent generates 1 image.",
    ]);
    expect(
      createSceneAigcImageTaskAdjustments({
        SceneInfo: { Type: "change_clothes", ChangeClothesConfig: {}, AiTryOnConfig: { Model: "WAND-tryon-1.0-lite" } },
      }),
    ).toEqual([
      "SceneInfo.Type change_clothes is deprecated and no longer maintained by Tencent; ai_try_on replaces it.",
      "SceneInfo.AiTryOnConfig is read only for Type ai_try_on; Type change_clothes ignores it.",
    ]);
  });

  it("is quiet for a request taken as written, and for a partial one", () => {
    expect(createSceneAigcImageTaskAdjustments({ ...productImage, OutputConfig: { AspectRatio: "4:3" } }).length).toBe(
      1,
    );
    expect(createSceneAigcImageTaskAdjustments({})).toEqual([]);
  });
});

describe("Alibaba VOD AI images", () => {
  it("are offered in cn-beijing and cn-shanghai only", () => {
    expect(VOD_AI_IMAGE_REGIONS).toEqual(["cn-beijing", "cn-shanghai"]);
    expect(vodEndpointFor("cn-beijing")).toBe("https://vod.cn-beijing.aliyuncs.com");
    expect(new AlibabaVodClient({ regionId: "cn-shanghai" }).endpoint.host).toBe("vod.cn-shanghai.aliyuncs.com");
  });

  it("refuse to build an endpoint for another region, naming it and the allowed ones", () => {
    for (const region of ["cn-hangzhou", "ap-southeast-1", "cn-shenzhen"]) {
      const e = (() => {
        try {
          new AlibabaVodClient({ regionId: region });
        } catch (err) {
          return err as Error;
        }
      })();
      expect(e).toBeInstanceOf(ConfigurationError);
      expect(e?.message).toBe(
        `VOD AI image jobs are not offered in region "${region}": use cn-beijing or cn-shanghai ` +
          "(or name an endpoint explicitly)",
      );
      expect(() => assertVodAiImageRegion(region)).toThrow(ConfigurationError);
    }
  });

  it("an explicit endpoint is used whatever the region", () => {
    const c = new AlibabaVodClient({ regionId: "cn-hangzhou", endpoint: "http://127.0.0.1:4566" });
    expect(c.endpoint.origin).toBe("http://127.0.0.1:4566");
  });

  it("VideoId and AITemplateId are non-empty strings, not necessarily 32 hex; AIPipelineId may be empty", () => {
    const ok = { VideoId: "357a8748c5774a0e089d2726e6436aa0", AITemplateId: "tmpl-1", AIPipelineId: "p" };
    expect(SubmitAIImageJobRequest.safeParse(ok).success).toBe(true);
    for (const field of ["VideoId", "AITemplateId"]) {
      expect(SubmitAIImageJobRequest.safeParse({ ...ok, [field]: "" }).success).toBe(false);
    }
    // The page: "if you leave this parameter empty, the default pipeline is used".
    expect(SubmitAIImageJobRequest.safeParse({ ...ok, AIPipelineId: "" }).success).toBe(true);
  });
});

describe("ICE Output", () => {
  const job = { FunctionName: "Cover", Input: { Type: "OSS", Media: "oss://bucket/in.mp4" } };

  it("Type Media may leave Media out (the vendor creates the media asset)", () => {
    const parsed = SubmitIProductionJobRequest.parse({ ...job, Output: { Type: "Media", OutputUrl: "oss://b/o.jpg" } });
    expect(parsed.Output).toBe('{"Type":"Media","OutputUrl":"oss://b/o.jpg"}');
  });

  it("Type OSS still needs Media", () => {
    const r = SubmitIProductionJobRequest.safeParse({ ...job, Output: { Type: "OSS" } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["Output", "Media"]);
  });
});

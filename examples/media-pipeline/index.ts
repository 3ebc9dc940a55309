// The AI media assets of a product launch, declared as infrastructure (also the repository's demo stack:
// the root Pulumi.yaml and `npm run demo` run this program).
//
//   ambassador        Tencent AIGC subject, the campaign's virtual model (reusable element)
//   jacketTryOn       Tencent virtual try-on: the new jacket on the model photo, stored in VOD
//   jacketBanner      Tencent outpainting of the try-on into a 16:9 banner      ← jacketTryOn's FileId
//   launchCovers      Alibaba VOD AI image job: cover candidates of the launch video
//   productShot       Tencent product image from the best cover frame           ← launchCovers' image URL
//   videoCover        Alibaba ICE Cover job on the same launch video (VOD media id as ICE input)
//   portrait          Alibaba aicontent portrait of the trained ambassador model
//
// Every job id and result URL is a stack output. Point it at the real clouds by changing the `demo:*`
// config below to your own ids and setting credentials (docs/operations.md).
import * as pulumi from "@pulumi/pulumi";
import { alibaba, tencent } from "pulumi-aigc";

const cfg = new pulumi.Config("demo");
const subAppId = cfg.getNumber("tencentSubAppId") ?? 251007502;
const launchVideoId = cfg.get("vodVideoId") ?? "357a8748c5774a0e89d2726e6436aa01";
const aiImageTemplateId = cfg.get("vodAiImageTemplateId") ?? "ef1a8842cb9f4d1bcea80cad902e4160";
const ambassadorModelId = cfg.get("aicontentModelId") ?? "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b";
const bucket = cfg.get("ossBucket") ?? "launch-media";
const assets = cfg.get("assetBaseUrl") ?? "https://assets.example.com/fall-launch";

const ambassador = new tencent.AigcSubject("ambassador", {
  subAppId,
  elementName: "fall-ambassador",
  elementDescription: "Virtual model of the fall campaign",
  referenceType: "image_refer",
  elementImageList: {
    frontal_image: `${assets}/model-front.png`,
    refer_images: [{ image_url: `${assets}/model-left.png` }, { image_url: `${assets}/model-right.png` }],
  },
  tagList: [{ tag_id: "o_101" }],
});

const jacketTryOn = new tencent.SceneAigcImageTask("jacketTryOn", {
  subAppId,
  sceneInfo: {
    type: "ai_try_on",
    aiTryOnConfig: {
      model: "WAND-tryon-1.0-pro",
      clothesFileInfos: [{ type: "Url", url: `${assets}/jacket.png` }],
      prompt: "zip it up",
    },
  },
  fileInfos: [{ type: "Url", url: `${assets}/model-front.png` }],
  // Permanent storage gives the result a VOD FileId that the next job can take as its input.
  outputConfig: { storageMode: "Permanent", mediaName: "jacket-try-on", resolution: "2K" },
});

const jacketBanner = new tencent.SceneAigcImageTask("jacketBanner", {
  subAppId,
  sceneInfo: { type: "outpainting" },
  fileInfos: [{ type: "File", fileId: jacketTryOn.fileIds.apply((ids) => ids[0]!) }],
  outputConfig: { storageMode: "Permanent", mediaName: "jacket-banner", aspectRatio: "16:9" },
});

const launchCovers = new alibaba.AiImageJob("launchCovers", {
  videoId: launchVideoId,
  aiTemplateId: aiImageTemplateId,
  userData: { extend: { campaign: "fall-launch" } },
});

const productShot = new tencent.SceneAigcImageTask("productShot", {
  subAppId,
  sceneInfo: {
    type: "product_image",
    productImageConfig: {
      prompt: "on a white marble table, soft morning light",
      productDesc: "waxed cotton field jacket",
      outputImageCount: 2,
    },
  },
  // The best-scored cover frame of the launch video (a public OSS URL) is the product photo.
  fileInfos: launchCovers.resultUrls.apply((urls) => [{ type: "Url" as const, url: urls[0]! }]),
  outputConfig: { aspectRatio: "4:3" },
});

const videoCover = new alibaba.ProductionJob("videoCover", {
  functionName: "Cover",
  // ICE reads the VOD video by its media id.
  input: { type: "Media", media: launchVideoId },
  output: { type: "OSS", media: `oss://${bucket}/covers/launch.jpg` },
  name: "fall-launch-cover",
  userData: { campaign: "fall-launch" },
});

const portrait = new alibaba.Txt2ImgInferenceJob("portrait", {
  modelId: ambassadorModelId,
  prompt: "a studio portrait of a <special-token> wearing a waxed cotton field jacket",
  imageNumber: 2,
  seed: 20261121,
});

export const ambassadorTaskId = ambassador.taskId;
export const ambassadorElementId = ambassador.elementId;
export const jacketTryOnTaskId = jacketTryOn.taskId;
export const jacketTryOnFileIds = jacketTryOn.fileIds;
export const jacketTryOnUrls = jacketTryOn.resultUrls;
export const jacketBannerTaskId = jacketBanner.taskId;
export const jacketBannerUrls = jacketBanner.resultUrls;
export const launchCoversJobId = launchCovers.jobId;
export const launchCoversUrls = launchCovers.resultUrls;
export const productShotTaskId = productShot.taskId;
export const productShotUrls = productShot.resultUrls;
export const videoCoverJobId = videoCover.jobId;
export const videoCoverUrls = videoCover.outputUrls;
export const portraitJobId = portrait.jobId;
export const portraitImageUrls = portrait.resultImageUrls;

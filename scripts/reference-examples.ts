// The example of each resource in its reference page (docs/reference/): valid inputs, camelCase as a program
// writes them, and the output it exports. test/unit/repo/reference-docs.test.ts checks each with the provider's
// own preview rules, so a page never shows inputs that preview would refuse.

/** One resource's example: a resource name, its inputs and the output it exports. */
export interface ReferenceExample {
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly output: string;
}

/** Examples by kind name (`tencent:SceneAigcImageTask`). */
export const REFERENCE_EXAMPLES: Readonly<Record<string, ReferenceExample>> = {
  "tencent:SceneAigcImageTask": {
    name: "tryOn",
    inputs: {
      subAppId: 251007502,
      sceneInfo: {
        type: "ai_try_on",
        aiTryOnConfig: {
          model: "WAND-tryon-1.0-flash",
          clothesFileInfos: [{ type: "Url", url: "https://assets.example.com/jacket.png" }],
        },
      },
      fileInfos: [{ type: "Url", url: "https://assets.example.com/model.png" }],
      outputConfig: { storageMode: "Temporary", resolution: "2K" },
    },
    output: "resultUrls",
  },
  "tencent:AigcSubject": {
    name: "subject",
    inputs: {
      subAppId: 251007502,
      elementName: "brand-model",
      elementDescription: "Virtual model for product shots",
      referenceType: "image_refer",
      elementImageList: {
        frontal_image: "https://assets.example.com/model-front.png",
        refer_images: [{ image_url: "https://assets.example.com/model-side.png" }],
      },
    },
    output: "elementId",
  },
  "alibaba:AiImageJob": {
    name: "covers",
    inputs: { videoId: "357a8748c5774a0e89d2726e6436aa01", aiTemplateId: "ef1a8842cb9f4d1bcea80cad902e4160" },
    output: "resultUrls",
  },
  "alibaba:ProductionJob": {
    name: "cover",
    inputs: {
      functionName: "Cover",
      input: { type: "OSS", media: "oss://launch-media/videos/launch.mp4" },
      output: { type: "OSS", media: "oss://launch-media/covers/launch.jpg" },
      name: "launch-cover",
    },
    output: "outputFiles",
  },
  "alibaba:Txt2ImgInferenceJob": {
    name: "portrait",
    inputs: {
      modelId: "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
      prompt: "a photo of a <special-token> on a beach at sunset",
      imageNumber: 2,
      seed: 42,
    },
    output: "resultImageIds",
  },
};

// The i-th job of a bench or drill stack: its resource name, kind and camelCase args, as plain data. The Node
// program (./job-stack.ts, dynamic resources) and the YAML project of the provider plugin (../yaml-project.ts)
// both declare their jobs from it, so the two faces run the same jobs.
import { kindAt, type StackKind } from "./stack-mix";

const SUB_APP = 251007502;

/** The kind names (`<vendor>:<Type>`) of a stack's kinds. */
export const KIND_NAMES: Record<StackKind, string> = {
  scene: "tencent:SceneAigcImageTask",
  subject: "tencent:AigcSubject",
  gif: "alibaba:AiImageJob",
  portrait: "alibaba:Txt2ImgInferenceJob",
  cover: "alibaba:ProductionJob",
};

/** One job of a stack: its resource name, kind and args (the common ones included). */
export interface StackJob {
  readonly name: string;
  readonly kind: StackKind;
  readonly args: Record<string, unknown>;
}

/** The args of a job of `kind`, the `i`-th of its stack. */
function argsOf(kind: StackKind, i: number, name: string): Record<string, unknown> {
  switch (kind) {
    case "scene":
      return {
        subAppId: SUB_APP,
        sceneInfo: { type: "product_image", productImageConfig: { prompt: `bench shot ${i}` } },
        fileInfos: [{ type: "Url", url: `https://assets.example.com/product-${i}.png` }],
      };
    case "subject":
      return {
        subAppId: SUB_APP,
        elementName: `bench-${i}`,
        referenceType: "image_refer",
        elementImageList: {
          frontal_image: `https://assets.example.com/f-${i}.png`,
          refer_images: [{ image_url: `https://assets.example.com/s-${i}.png` }],
        },
      };
    case "gif":
      return {
        videoId: "357a8748c5774a0e89d2726e6436aa01",
        aiTemplateId: "ef1a8842cb9f4d1bcea80cad902e4160",
        userData: { extend: { i } },
      };
    case "portrait":
      return {
        modelId: "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
        prompt: `a photo of a <special-token>, take ${i}`,
      };
    default:
      return {
        functionName: "Cover",
        input: { type: "OSS", media: `oss://bench-media/in/${i}.mp4` },
        output: { type: "OSS", media: `oss://bench-media/out/${i}.jpg` },
        name,
      };
  }
}

/** The `i`-th job of a stack of mix `mix` (./stack-mix.ts), waiting at most `waitTimeoutSeconds` in `up`. */
export function jobAt(mix: string, i: number, waitTimeoutSeconds = 1800): StackJob {
  const kind = kindAt(mix, i);
  const name = `${kind}-${i}`;
  return { name, kind, args: { waitTimeoutSeconds, ...argsOf(kind, i, name) } };
}

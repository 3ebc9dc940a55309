// The resource kinds this package declares. Adding a kind: its sdk action and client method, one declaration
// file here, one line in the list below, one export in the vendor's namespace file (../tencent.ts or
// ../alibaba.ts), and its emulator handler.
//
// The list loads each declaration on first use: a provider process loads only the kinds of its resources (and
// their sdk schemas), never all five.
import type { AnyJobKind } from "../job-kind";

type Declarations = {
  "tencent:SceneAigcImageTask": typeof import("./scene-aigc-image-task");
  "tencent:AigcSubject": typeof import("./aigc-subject");
  "alibaba:AiImageJob": typeof import("./ai-image-job");
  "alibaba:ProductionJob": typeof import("./production-job");
  "alibaba:Txt2ImgInferenceJob": typeof import("./txt2img-inference-job");
};

const LOADERS: { readonly [N in keyof Declarations]: () => AnyJobKind } = {
  "tencent:SceneAigcImageTask": () =>
    (require("./scene-aigc-image-task") as Declarations["tencent:SceneAigcImageTask"]).sceneAigcImageTaskKind,
  "tencent:AigcSubject": () => (require("./aigc-subject") as Declarations["tencent:AigcSubject"]).aigcSubjectKind,
  "alibaba:AiImageJob": () => (require("./ai-image-job") as Declarations["alibaba:AiImageJob"]).aiImageJobKind,
  "alibaba:ProductionJob": () =>
    (require("./production-job") as Declarations["alibaba:ProductionJob"]).productionJobKind,
  "alibaba:Txt2ImgInferenceJob": () =>
    (require("./txt2img-inference-job") as Declarations["alibaba:Txt2ImgInferenceJob"]).txt2ImgInferenceJobKind,
};

/** The names of the built-in kinds. */
export const BUILTIN_KIND_NAMES = Object.keys(LOADERS) as ReadonlyArray<keyof Declarations>;

/** The built-in kind of this name (its declaration loaded now), or undefined. */
export function builtinKind(name: string): AnyJobKind | undefined {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name as keyof Declarations]() : undefined;
}

/** Every built-in kind (loads all of them). */
export function builtinKinds(): readonly AnyJobKind[] {
  return BUILTIN_KIND_NAMES.map((n) => LOADERS[n]());
}

// The resource kinds this package declares, keyed by their surfaces' names (each type token is written in its
// surface only). Adding a kind: its sdk action and client method; a folder `<kind>/` here with its surface
// (`surface.ts`: type token and outputs) and its declaration (`kind.ts`); its loader below; its class in the
// vendor's namespace file (../tencent.ts or ../alibaba.ts); and its emulator handler (docs/development.md).
//
// The surfaces are light (no sdk, no zod); each declaration is loaded on first use: a provider process loads
// only the kinds of its resources (and their sdk schemas), never all five.
import type { AnyJobKind } from "../job-kind";
import { aiImageJobSurface } from "./ai-image-job/surface";
import { aigcSubjectSurface } from "./aigc-subject/surface";
import { productionJobSurface } from "./production-job/surface";
import { sceneAigcImageTaskSurface } from "./scene-aigc-image-task/surface";
import { txt2ImgInferenceJobSurface } from "./txt2img-inference-job/surface";

const LOADERS = {
  [sceneAigcImageTaskSurface.name]: () =>
    (require("./scene-aigc-image-task/kind") as typeof import("./scene-aigc-image-task/kind")).sceneAigcImageTaskKind,
  [aigcSubjectSurface.name]: () =>
    (require("./aigc-subject/kind") as typeof import("./aigc-subject/kind")).aigcSubjectKind,
  [aiImageJobSurface.name]: () =>
    (require("./ai-image-job/kind") as typeof import("./ai-image-job/kind")).aiImageJobKind,
  [productionJobSurface.name]: () =>
    (require("./production-job/kind") as typeof import("./production-job/kind")).productionJobKind,
  [txt2ImgInferenceJobSurface.name]: () =>
    (require("./txt2img-inference-job/kind") as typeof import("./txt2img-inference-job/kind")).txt2ImgInferenceJobKind,
} satisfies Readonly<Record<string, () => AnyJobKind>>;

/** The names (type tokens) of the built-in kinds. */
export const BUILTIN_KIND_NAMES = Object.keys(LOADERS) as ReadonlyArray<keyof typeof LOADERS>;

/** The built-in kind of this name (its declaration loaded now), or undefined. */
export function builtinKind(name: string): AnyJobKind | undefined {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name as keyof typeof LOADERS]() : undefined;
}

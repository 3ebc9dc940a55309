// The resource kinds this package declares. Adding a kind: its sdk action and client method, one declaration
// file here, one line in the list below, one export in the vendor's namespace file (../tencent.ts or
// ../alibaba.ts), and its emulator handler.
import type { AnyJobKind } from "../job-kind";
import { aiImageJobKind } from "./ai-image-job";
import { aigcSubjectKind } from "./aigc-subject";
import { productionJobKind } from "./production-job";
import { sceneAigcImageTaskKind } from "./scene-aigc-image-task";
import { txt2ImgInferenceJobKind } from "./txt2img-inference-job";

/** Every built-in kind, by which the provider process finds a resource's declaration. */
export const BUILTIN_KINDS: readonly AnyJobKind[] = [
  sceneAigcImageTaskKind,
  aigcSubjectKind,
  aiImageJobKind,
  productionJobKind,
  txt2ImgInferenceJobKind,
];

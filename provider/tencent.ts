export { AigcSubject, type AigcSubjectArgs } from "./resources/tencent/aigc-subject";
export { SceneAigcImageTask, type SceneAigcImageTaskArgs } from "./resources/tencent/scene-aigc-image-task";

// The program's side of this kind (KindSurface in ../../job-kind.ts): its type token, written here only, and
// its outputs, all that its resource class is built from. The rest of its declaration, ./kind.ts, is loaded by
// the provider process only.
import type { tencentModels } from "../../../sdk";
import type { Camelize } from "../../casing";
import { defineKindSurface, output } from "../../job-kind";

/** Temporary result URLs carry a signature (`sign`, `t`): secret unless the outputs are stored permanently. */
const unlessPermanent = (args: Readonly<Record<string, unknown>>) =>
  (args.outputConfig as { storageMode?: unknown } | undefined)?.storageMode !== "Permanent";

export const sceneAigcImageTaskSurface = defineKindSurface({
  name: "tencent:SceneAigcImageTask",
  outputs: {
    /** The VOD TaskId (also the resource id). */
    taskId: output<string>(),
    /** Every output file: storage mode, URL, FileId, metadata. Secret unless `outputConfig.storageMode` is
     * Permanent. */
    outputFiles: output<Camelize<tencentModels.SceneAigcImageTaskOutputFileInfo>[]>({ secret: unlessPermanent }),
    /** The FileUrl of every output image. Secret unless `outputConfig.storageMode` is Permanent. */
    resultUrls: output<string[]>({ secret: unlessPermanent }),
    /** VOD FileIds of the outputs (Permanent storage only). */
    fileIds: output<string[]>(),
    createTime: output<string>(),
    finishTime: output<string>(),
  },
});

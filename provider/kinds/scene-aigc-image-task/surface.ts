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
  description:
    "A Tencent Cloud VOD scene AIGC image task (CreateSceneAigcImageTask): virtual try-on, product images or " +
    "outpainting. Deduplicated by the SessionId the provider sends; temporary result URLs are secret outputs.",
  outputs: {
    taskId: output<string>({ description: "The VOD TaskId (also the resource id)." }),
    outputFiles: output<Camelize<tencentModels.SceneAigcImageTaskOutputFileInfo>[]>({
      secret: unlessPermanent,
      type: { items: "json" },
      description:
        "Every output file: storage mode, URL, FileId, metadata. Secret (marked by the provider when it writes " +
        "the outputs) unless `outputConfig.storageMode` is Permanent: temporary URLs carry a signature.",
    }),
    resultUrls: output<string[]>({
      secret: unlessPermanent,
      type: { items: "string" },
      description:
        "The FileUrl of every output image. Secret (marked by the provider when it writes the outputs) unless " +
        "`outputConfig.storageMode` is Permanent: temporary URLs carry a signature.",
    }),
    fileIds: output<string[]>({
      type: { items: "string" },
      description: "VOD FileIds of the outputs (Permanent storage only).",
    }),
    createTime: output<string>({ description: "When VOD created the task (ISO 8601)." }),
    finishTime: output<string>({ description: "When the task finished (ISO 8601; empty while it runs)." }),
  },
});

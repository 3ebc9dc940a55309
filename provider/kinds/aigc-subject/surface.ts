// The program's side of this kind (KindSurface in ../../job-kind.ts): its type token, written here only, and
// its outputs, all that its resource class is built from. The rest of its declaration, ./kind.ts, is loaded by
// the provider process only.
import { defineKindSurface, output } from "../../job-kind";

export const aigcSubjectSurface = defineKindSurface({
  name: "tencent:AigcSubject",
  description:
    "A Tencent Cloud VOD advanced custom AIGC subject (CreateAigcAdvancedCustomElement): a reusable character " +
    "or object built from reference images or one video, whose ElementId later AIGC jobs use. Deduplicated by " +
    "the SessionId the provider sends; destroy deletes the element.",
  outputs: {
    taskId: output<string>({
      description: "The creating TaskId (the resource id; `element/<id>` when adopted by element id).",
    }),
    elementId: output<string>({ description: "The subject's ElementId, usable by later AIGC jobs." }),
    elementInfo: output<Record<string, unknown>>({
      echoesInputs: true,
      type: "json",
      description: "Tencent's ElementInfo (element_id, element_name, status...); URL queries in it are redacted.",
    }),
    createTime: output<string>({ description: "When VOD created the task (ISO 8601)." }),
    finishTime: output<string>({ description: "When the task finished (ISO 8601; empty while it runs)." }),
  },
});

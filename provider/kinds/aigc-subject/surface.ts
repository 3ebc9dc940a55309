// The program's side of this kind (KindSurface in ../../job-kind.ts): its type token, written here only, and
// its outputs, all that its resource class is built from. The rest of its declaration, ./kind.ts, is loaded by
// the provider process only.
import { defineKindSurface, output } from "../../job-kind";

export const aigcSubjectSurface = defineKindSurface({
  name: "tencent:AigcSubject",
  outputs: {
    /** The creating TaskId (the resource id; `element/<id>` when adopted by element id). */
    taskId: output<string>(),
    /** The subject's ElementId, usable by later AIGC jobs. */
    elementId: output<string>(),
    /** Tencent's ElementInfo (element_id, element_name, status...); URL queries in it are redacted. */
    elementInfo: output<Record<string, unknown>>({ echoesInputs: true }),
    createTime: output<string>(),
    finishTime: output<string>(),
  },
});

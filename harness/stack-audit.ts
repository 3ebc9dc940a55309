// After a drill: what the vendor has against what the stack knows, resource by resource.

import type { EmulatorProcess } from "./emulator-process";
import type { TestStack } from "./pulumi-workspace";

interface AdminJob {
  vendor: string;
  service: string;
  kind: string;
  id: string;
  stage: string;
  sessionId?: string;
  userData?: string;
  name?: string;
  prompt?: string;
}

/** After a drill: the stack's resources against the vendor's jobs, per kind. */
export interface Audit {
  /** Resources in the stack, per kind. */
  readonly resources: Record<string, number>;
  /** Jobs the vendor created beyond one per resource, per kind. */
  readonly duplicates: Record<string, number>;
  /** What the provider reported: the sum of `ambiguousSubmissions` outputs, per kind. */
  readonly reportedAmbiguous: Record<string, number>;
  /** Resources the stack lists without a job the vendor knows (lost data). Target 0. */
  readonly resourcesWithoutJob: number;
  /** Resources the program declares that the stack does not have (an update that did not finish). */
  readonly missingResources: number;
}

/** The kind of a job resource's type: a dynamic resource's, or the provider plugin's (`aigc:<vendor>:<Type>`). */
const KIND_OF: Record<string, string> = Object.fromEntries(
  [
    "tencent:SceneAigcImageTask",
    "tencent:AigcSubject",
    "alibaba:AiImageJob",
    "alibaba:Txt2ImgInferenceJob",
    "alibaba:ProductionJob",
  ].flatMap((k) => [
    [`pulumi-nodejs:dynamic/${k}`, k],
    [`aigc:${k}`, k],
  ]),
);
const SERVICE_OF: Record<string, string> = {
  "tencent:SceneAigcImageTask": "SceneAigcImageTask",
  "tencent:AigcSubject": "CreateAigcAdvancedCustomElement",
  "alibaba:AiImageJob": "AIImageJob",
  "alibaba:Txt2ImgInferenceJob": "InferenceJob",
  "alibaba:ProductionJob": "Cover",
};

const bump = (m: Record<string, number>, k: string, by = 1) => {
  m[k] = (m[k] ?? 0) + by;
};

/** Compares the stack's resources with the emulator's jobs; `declared` is how many the program declares. */
export async function auditStack(t: TestStack, emu: Pick<EmulatorProcess, "admin">, declared: number): Promise<Audit> {
  const { jobs } = await emu.admin<{ jobs: AdminJob[] }>("jobs");
  const state = await t.stack.exportStack();
  const resources: Record<string, number> = {};
  const duplicates: Record<string, number> = {};
  const reportedAmbiguous: Record<string, number> = {};
  let resourcesWithoutJob = 0;
  const known = new Set(jobs.map((j) => j.id));
  const stackResources = (state.deployment.resources ?? []).filter((r: { type: string }) => KIND_OF[r.type]);
  for (const r of stackResources as Array<{ type: string; id?: string; outputs?: Record<string, unknown> }>) {
    const kind = KIND_OF[r.type]!;
    bump(resources, kind);
    bump(reportedAmbiguous, kind, Number(r.outputs?.ambiguousSubmissions ?? 0));
    if (!r.id || !known.has(r.id)) resourcesWithoutJob++;
    const key = String(r.outputs?.idempotencyKey ?? "");
    if (kind.startsWith("tencent:")) {
      bump(duplicates, kind, Math.max(0, jobs.filter((j) => j.sessionId === key).length - 1));
    } else if (kind !== "alibaba:Txt2ImgInferenceJob") {
      bump(duplicates, kind, Math.max(0, jobs.filter((j) => j.userData?.includes(key)).length - 1));
    }
  }
  // aicontent jobs carry no marker: count them in total.
  const inference = "alibaba:Txt2ImgInferenceJob";
  if (resources[inference])
    bump(
      duplicates,
      inference,
      Math.max(0, jobs.filter((j) => j.kind === SERVICE_OF[inference]).length - resources[inference]!),
    );
  return {
    resources,
    duplicates,
    reportedAmbiguous,
    resourcesWithoutJob,
    missingResources: declared - stackResources.length,
  };
}

/** Jobs per kind (the emulator's admin view), for totals. */
export async function jobsPerKind(emu: Pick<EmulatorProcess, "admin">): Promise<Record<string, number>> {
  const { jobs } = await emu.admin<{ jobs: AdminJob[] }>("jobs");
  const out: Record<string, number> = {};
  for (const j of jobs) bump(out, j.kind);
  return out;
}

// The provider's runtime: loaded with require("pulumi-aigc/provider-runtime") inside the dynamic-provider
// process, at call time. The serialized provider objects hold nothing but the name of their kind.
import { checkInputs } from "./check";
import { diffJob, type JobDiff } from "./diff";
import type { JobKind } from "./job-kind";
import { createJob, deleteJob, readJob, updateJob } from "./job-lifecycle";
import { aiImageJobKind } from "./kinds/ai-image-job";
import { aigcSubjectKind } from "./kinds/aigc-subject";
import { productionJobKind } from "./kinds/production-job";
import { sceneAigcImageTaskKind } from "./kinds/scene-aigc-image-task";
import { txt2ImgInferenceJobKind } from "./kinds/txt2img-inference-job";
import { startEngineWatchdog } from "./engine-watchdog";
import { configureFrom } from "./provider-config";

startEngineWatchdog();

const KINDS: Record<string, JobKind> = Object.fromEntries(
  [sceneAigcImageTaskKind, aigcSubjectKind, aiImageJobKind, productionJobKind, txt2ImgInferenceJobKind].map((k) => [
    k.name,
    k,
  ]),
);

type Props = Record<string, unknown>;

function kindOf(name: string): JobKind {
  const k = KINDS[name];
  if (!k)
    throw new Error(
      `pulumi-aigc: unknown resource kind ${name} ` +
        "(is the installed pulumi-aigc older than the one that created this resource?)",
    );
  return k;
}

/** `configure`: stack config (credentials, regions, endpoints) into this process's memory only. */
export function configure(config: { get(key: string): string | undefined }): void {
  configureFrom(config);
}

export async function check(
  kind: string,
  _olds: Props,
  news: Props,
): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }> {
  return { inputs: news, failures: checkInputs(kindOf(kind), news) };
}

export async function diff(kind: string, _id: string, olds: Props, news: Props): Promise<JobDiff> {
  return diffJob(kindOf(kind), olds, news);
}

export const create = (kind: string, inputs: Props) => createJob(kindOf(kind), inputs);
export const update = (kind: string, id: string, olds: Props, news: Props) => updateJob(kindOf(kind), id, olds, news);
export const read = (kind: string, id: string, props: Props) => readJob(kindOf(kind), id, props);
export const remove = (kind: string, id: string, props: Props) => deleteJob(kindOf(kind), id, props);

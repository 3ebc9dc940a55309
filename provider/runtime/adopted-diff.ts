// The diff of an adopting resource (an adopt input set: adoptTaskId, adoptJobId, adoptElementId; every imported
// resource is one). Its job is the adopted one whatever its vendor fields say: check does not validate them and
// nothing is ever sent from them, so they only describe the job. A replacement would gain nothing (the new
// resource adopts the same job again) and would run the old resource's delete afterwards, which cleans up at the
// vendor (a subject's element, a running ICE job). So while the adopt inputs keep naming the resource's own job,
// changes to the other inputs update it in place; an input `pulumi import` could not recover can be declared later.
import { type AnyJobKind, adoptedJobIdOf } from "../job-kind";
import type { JobDiff } from "./diff";

/**
 * `d` with its replacements turned into in-place updates when the resource adopts its job `id` before and after
 * the change (the adopt inputs unchanged, and naming `id`); else `d` as it is.
 */
export function keepAdoptedJob(kind: AnyJobKind, id: string, news: Record<string, unknown>, d: JobDiff): JobDiff {
  if (d.replaces.length === 0 || !id) return d;
  const adopts = new Set<string>(kind.adoptInputs as readonly string[]);
  if (d.replaces.some((k) => adopts.has(k))) return d;
  if (adoptedJobIdOf(kind, news) !== id) return d;
  return { ...d, replaces: [] };
}

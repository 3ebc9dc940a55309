import { type AnyJobKind, COMMON_INPUTS } from "../job-kind";
import { camelKey } from "../casing";
import { canonicalJson } from "./identity";
import { containsUnknown } from "./unknowns";

/** What diff() tells the engine. */
export interface JobDiff {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

/** Inputs that only change how the provider waits or where it looks: updated in place, never a new job. */
const IN_PLACE = new Set<string>(
  Object.entries(COMMON_INPUTS)
    .filter(([, spec]) => spec.inPlace)
    .map(([name]) => name),
);

/** Every input property a kind has: its vendor fields (camelCase) and the provider's own inputs. */
function inputKeys(kind: AnyJobKind): Set<string> {
  const shape = (kind.request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  return new Set<string>([...Object.keys(shape).map(camelKey), ...Object.keys(COMMON_INPUTS), ...kind.adoptInputs]);
}

/**
 * Jobs are immutable: any change to a submitted input replaces the resource (a new job, created before the old
 * one is cleaned up). Wait settings and placement update in place. `__provider` is ignored. Olds are stored
 * outputs (which echo every input); only input properties are compared.
 */
export function diffJob(kind: AnyJobKind, olds: Record<string, unknown>, news: Record<string, unknown>): JobDiff {
  const replaces: string[] = [];
  let changes = false;
  for (const k of inputKeys(kind)) {
    const a = olds[k];
    const b = news[k];
    // Canonical form: state round-trips through protobuf Structs, which do not keep key order.
    if (!containsUnknown(b) && canonicalJson(a) === canonicalJson(b)) continue;
    changes = true;
    if (!IN_PLACE.has(k)) replaces.push(k);
  }
  return { changes, replaces, deleteBeforeReplace: false };
}

import type { AnyJobKind } from "../job-kind";
import { canonicalJson } from "./identity";
import { changedInputs, hasStoredInputs, IN_PLACE_INPUTS, inputKeys } from "./stored-inputs";
import { containsUnknown } from "./unknowns";

/** What diff() tells the engine. */
export interface JobDiff {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

function diffOf(changed: string[]): JobDiff {
  return {
    changes: changed.length > 0,
    replaces: changed.filter((k) => !IN_PLACE_INPUTS.has(k)),
    deleteBeforeReplace: false,
  };
}

/**
 * The diff of outputs written with stored inputs (./stored-inputs.ts): needs no kind declaration, so preview
 * loads nothing for it.
 */
export function diffStored(olds: Record<string, unknown>, news: Record<string, unknown>): JobDiff {
  return diffOf(changedInputs(olds, news));
}

/**
 * Jobs are immutable: any change to a submitted input replaces the resource (a new job, created before the old
 * one is cleaned up). Wait settings and placement update in place. `__provider` is ignored. Olds are stored
 * outputs: with stored inputs (digests) from this version on, else (resources written by pulumi-aigc 0.1) outputs
 * that echo every input, of which only the kind's input properties are compared.
 */
export function diffJob(kind: AnyJobKind, olds: Record<string, unknown>, news: Record<string, unknown>): JobDiff {
  if (hasStoredInputs(olds)) return diffStored(olds, news);
  const changed: string[] = [];
  for (const k of inputKeys(kind)) {
    const a = olds[k];
    const b = news[k];
    // Canonical form: state round-trips through protobuf Structs, which do not keep key order.
    if (!containsUnknown(b) && canonicalJson(a) === canonicalJson(b)) continue;
    changed.push(k);
  }
  return diffOf(changed);
}

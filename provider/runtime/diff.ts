import type { AnyJobKind } from "../job-kind";
import { HOLDER_INPUT } from "../resource-holder";
import { canonicalJson } from "./identity";
import { noteInState } from "./in-state";
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
  noteInState(olds);
  // The holder (which resource of which stack) is not a job input: a resource stored without one, or by another
  // name of the same stack, shows no change (./intent-holder.ts settles ownership at create and delete).
  return diffOf(changedInputs(olds, news).filter((k) => k !== HOLDER_INPUT));
}

/**
 * Jobs are immutable: any change to a submitted input replaces the resource (a new job, created before the old
 * one is cleaned up). Wait settings and placement update in place. `__provider` is ignored. Olds are stored
 * outputs: with stored inputs (digests) from this version on, else (resources written by pulumi-aigc 0.1) outputs
 * that echo every input, of which only the kind's input properties are compared.
 */
export function diffJob(kind: AnyJobKind, olds: Record<string, unknown>, news: Record<string, unknown>): JobDiff {
  if (hasStoredInputs(olds)) return diffStored(olds, news);
  noteInState(olds);
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

// Which kind each resource of a bench stack is: all scene AIGC images (`scene`), or the five kinds in turn
// (`mixed`). Shared by the job stack and the bench's floor stack, so both cycle the same way.

/** A stack's mix of kinds. */
export type StackMix = "scene" | "mixed";

/** The kinds of a mixed stack, in the order resources take them. */
export const MIXED_KINDS = ["subject", "scene", "gif", "portrait", "cover"] as const;
/** One kind of a bench stack. */
export type StackKind = (typeof MIXED_KINDS)[number];

/** The kind of the `i`-th resource of a stack. */
export function kindAt(mix: string, i: number): StackKind {
  return mix === "mixed" ? MIXED_KINDS[i % MIXED_KINDS.length]! : "scene";
}

// What a job resource's stored outputs say about its job, decoded in one place: the ledger intent that holds it
// (its idempotency key), the submissions that failed ambiguously, and whether the job has ended. The encoding is
// the one every version wrote: an ended job is stored with `progress` 100 (a running one with at most 99), so
// stacks of any version read alike and the state carries no second field that could disagree with it.

/** A resource's properties as the engine passes them. */
export type Props = Record<string, unknown>;

/** The stored `progress` of a job that has ended, successfully or not. */
const ENDED_PROGRESS = 100;

/** A stored resource's job, as its outputs describe it. */
export interface StoredState {
  /** The idempotency key of the ledger intent that holds the job ("" in state written before the ledger). */
  readonly key: string;
  /** Submissions of the intent that failed ambiguously: possible duplicates at the vendor. */
  readonly ambiguous: number;
  /** The job has ended, successfully or not: nothing more will happen at the vendor. */
  readonly ended: boolean;
}

/** The properties without `__provider` (the engine's, not the kind's). */
export function withoutProvider(props: Props): Props {
  const { __provider: _p, ...rest } = props;
  return rest;
}

/** Decodes what stored outputs say about their job. */
export function storedStateOf(props: Readonly<Props>): StoredState {
  return {
    key: typeof props.idempotencyKey === "string" ? props.idempotencyKey : "",
    ambiguous: typeof props.ambiguousSubmissions === "number" ? props.ambiguousSubmissions : 0,
    ended: jobEnded(props),
  };
}

/** Whether stored outputs say the job has ended (the `ended` of storedStateOf, for hooks given stored outputs). */
export function jobEnded(props: Readonly<Props>): boolean {
  return props.progress === ENDED_PROGRESS;
}

/** The stored `progress` of a job: ENDED_PROGRESS once it is done, else the vendor's below that (0 if none). */
export function storedProgress(view: { readonly done: boolean; readonly progress?: number | undefined }): number {
  return view.done ? ENDED_PROGRESS : Math.min(ENDED_PROGRESS - 1, view.progress ?? 0);
}

/** The stored-state fields of outputs: the ledger key and the ambiguous count (StoredState's `ended` is `progress`). */
export function storedStateFields(state: Pick<StoredState, "key" | "ambiguous">): Props {
  return { idempotencyKey: state.key, ambiguousSubmissions: state.ambiguous };
}

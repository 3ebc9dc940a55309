// The submission ledger: where the provider claims an intended job before a paid request leaves, and records
// what the vendor gave back. It outlives the provider process (a file directory, or a PostgreSQL database
// shared by a team's runners), so retries, crashes, re-runs and other machines find the job instead of paying
// for it again. It fails closed: anything it cannot read is an error, never "nothing was submitted".

/**
 * The life of one intended job:
 * - `claimed`: a runner holds it and may have sent the submit (a taken-over claim is treated as sent);
 * - `submitted`: the vendor gave a job id;
 * - `ambiguous`: a submit failed after it may have reached the vendor, and no job was identified;
 * - `void`: the submit provably created nothing (bad input, auth, throttled): the intent can be claimed again;
 * - `adopted`: the resource adopted an existing job instead of submitting (it holds the job's ids);
 * - `released`: the resource was deleted (destroy, or the old side of a replacement). A compact tombstone.
 */
export type IntentState = "claimed" | "submitted" | "ambiguous" | "void" | "adopted" | "released";

/** Where a job lives at its vendor: enough to look it up again from another machine. */
export interface LedgerPlacement {
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly subAppId?: number | undefined;
}

/** How a finished job ended, kept for the waiter's duration history. */
export interface IntentOutcome {
  readonly status: string;
  readonly failed: boolean;
  /** Submit to finish, as the vendor reported it where it does, else as observed. */
  readonly durationMs?: number | undefined;
  /** What jobs of similar duration share: kind, region and model (the waiter's history key). */
  readonly profile?: string | undefined;
}

/** One intended job, as the ledger keeps it. Holds no request content: inputs may carry presigned URLs. */
export interface Intent {
  /** The idempotency key: Tencent SessionId, Alibaba UserData marker, and this record's primary key. */
  readonly key: string;
  /** The resource identity, `<project>/<stack>/<type>/<name>` by default (`idempotencyScope`). */
  readonly scope: string;
  /** The resource kind, e.g. `tencent:SceneAigcImageTask`. */
  readonly kind: string;
  /** The scope's epoch when the intent was made: it grows each time a resource of the scope is released. */
  readonly epoch: number;
  /** Hash of the vendor request and the resubmit token: what was intended, without the request itself. */
  readonly digest: string;
  readonly state: IntentState;
  /** The vendor's job or task id, once known. */
  readonly jobId?: string | undefined;
  /** Other vendor objects the intent holds (an AIGC subject's element id). */
  readonly heldIds?: readonly string[] | undefined;
  readonly placement?: LedgerPlacement | undefined;
  /** Submissions sent for this intent (each one may have been paid). */
  readonly attempts: number;
  /** Submissions that failed ambiguously: possible duplicates at the vendor. */
  readonly ambiguous: number;
  /** The runner holding the claim while the intent is `claimed` or `ambiguous`. */
  readonly owner?: string | undefined;
  /**
   * The resource that claimed the intent: its stack instance and its type and name (../intent-holder.ts). Unset
   * on intents written before holders existed: the first resource to claim such an intent records itself.
   */
  readonly holder?: string | undefined;
  /** An intent imported from a pulumi-aigc 0.1 submission journal (its key follows the old derivation). */
  readonly legacy?: boolean | undefined;
  /**
   * Whether the create that recorded the job id handed it back to the engine (a success, or a partial state
   * carrying the id): false from the id's record until then, so an intent submitted but never returned is what a
   * killed create left (../orphans.ts). Unset on intents written before this field: either may hold for them.
   */
  readonly returned?: boolean | undefined;
  readonly outcome?: IntentOutcome | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt?: string | undefined;
  readonly finishedAt?: string | undefined;
  readonly releasedAt?: string | undefined;
}

/** A new intent as a runner claims it. */
export type NewIntent = Pick<Intent, "key" | "scope" | "kind" | "epoch" | "digest"> & {
  readonly state?: "claimed" | "adopted";
  readonly jobId?: string | undefined;
  readonly heldIds?: readonly string[] | undefined;
  readonly placement?: LedgerPlacement | undefined;
  readonly holder?: string | undefined;
};

/** The fields a runner may change on an intent. */
export type IntentPatch = Partial<
  Pick<
    Intent,
    | "state"
    | "jobId"
    | "heldIds"
    | "placement"
    | "attempts"
    | "ambiguous"
    | "owner"
    | "holder"
    | "outcome"
    | "submittedAt"
    | "finishedAt"
    | "legacy"
    | "returned"
  >
>;

/** Whether the runner that holds an intent is still running. */
export type OwnerStatus = "self" | "live" | "dead" | "none";

/** What a claim found. */
export type ClaimResult =
  | { readonly claimed: true; readonly intent: Intent }
  | { readonly claimed: false; readonly intent: Intent; readonly owner: OwnerStatus; readonly ownerInfo?: RunnerInfo };

/** A provider process that holds claims. */
export interface RunnerInfo {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  readonly startedAt: string;
}

/** What `list` selects. */
export interface IntentFilter {
  /** Scopes starting with this text (e.g. `project/stack/`). */
  readonly scopePrefix?: string | undefined;
  readonly states?: readonly IntentState[] | undefined;
  /** Intents holding this vendor id (as job id or held id). */
  readonly holding?: string | undefined;
  /**
   * A listing that may be as old as this runner's first cached one, plus every write of this runner since (the
   * file ledger lists its directory once instead of per item: issue 21). It may miss intents other runners made
   * or changed meanwhile: only for callers that re-read an entry before acting on it, and for which a missed one is
   * safe (the orphan and unreturned-job scans, the resume of a crashed create).
   */
  readonly cached?: boolean | undefined;
}

/** What garbage collection removed. */
export interface GcResult {
  readonly removed: number;
  readonly kept: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  /** Entries gc could not read and left as they are (the operator's to repair). */
  readonly skipped?: readonly UnreadableEntry[] | undefined;
}

/** A stored entry the ledger cannot read: its key, why, and what of it could be read. */
export interface UnreadableEntry {
  readonly key: string;
  readonly why: string;
  /** The fields that parsed (a record failing validation), or the raw text (truncated) when none did. */
  readonly readable?: Record<string, unknown> | string | undefined;
}

/** What a tolerant listing found: the readable intents, and the entries it could not read. */
export interface ScanResult {
  readonly intents: Intent[];
  readonly unreadable: UnreadableEntry[];
}

/**
 * A submission ledger. Every method throws {@link LedgerError} when the ledger cannot be read or written:
 * callers stop rather than guess.
 */
export interface Ledger {
  /** The ledger's own identity: part of every idempotency key it issues, so two ledgers never share keys. */
  readonly id: string;
  /** Where it is, without credentials (for messages). */
  readonly location: string;
  /** This process, as the ledger knows it. */
  readonly runner: RunnerInfo;
  /** The scope's current epoch (0 for a scope never released). */
  epoch(scope: string): Promise<number>;
  get(key: string): Promise<Intent | undefined>;
  /** Creates the intent and claims it for this runner, atomically; or returns what is already there. */
  claim(intent: NewIntent): Promise<ClaimResult>;
  /** Claims an existing intent whose owner is dead or absent (compare-and-set on the owner). */
  takeOver(key: string, previousOwner: string | undefined): Promise<Intent | undefined>;
  /** Whether the runner that holds `intent` is alive. */
  ownerStatus(intent: Intent): Promise<{ status: OwnerStatus; info?: RunnerInfo }>;
  update(key: string, patch: IntentPatch): Promise<Intent>;
  /** Marks the intent released (a compact tombstone) and moves its scope to the next epoch. */
  release(key: string): Promise<void>;
  /** The intents that match; throws LedgerError if any entry cannot be read (the provider fails closed). */
  list(filter?: IntentFilter): Promise<Intent[]>;
  /** As `list`, but an unreadable entry is reported instead of thrown (operator tooling). */
  scan(filter?: IntentFilter): Promise<ScanResult>;
  /** Durations of finished jobs of one profile, newest first. */
  durations(profile: string, limit: number): Promise<number[]>;
  /** Removes released and void tombstones older than `olderThanMs`, and stray temporary files. */
  gc(olderThanMs: number, now?: number): Promise<GcResult>;
  close(): Promise<void>;
}

/** The ledger cannot be read or written: the update stops, and nothing is submitted. */
export class LedgerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LedgerError";
  }
}

/** States in which an intent's job is (or may be) at the vendor and the intent is not released. */
export const OPEN_STATES: readonly IntentState[] = ["claimed", "submitted", "ambiguous", "adopted"];

/**
 * How long released and void tombstones are kept by default: well beyond the longest vendor dedup window
 * (docs/vendor-notes/ledger-gc-ages.md). Epochs are kept regardless: gc never makes a scope reuse a key.
 */
export const TOMBSTONE_RETENTION_MS = 30 * 24 * 3600_000;

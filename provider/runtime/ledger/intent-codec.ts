// The one definition of what an intent record is, shared by the file and PostgreSQL ledgers: the key's form,
// the claim defaults, what a tombstone keeps, and the validation every stored record passes before it is used.
// Both backends decode through `decodeIntent`, so both fail closed on exactly the same records.
import type { Intent, IntentOutcome, IntentState, LedgerPlacement, NewIntent } from "./ledger";
import { LedgerError } from "./ledger";

/** The `format` every ledger's identity record carries. */
export const LEDGER_FORMAT = "pulumi-aigc-ledger";

/** Every state an intent may be in (ledger.ts documents each). */
export const INTENT_STATES: readonly IntentState[] = [
  "claimed",
  "submitted",
  "ambiguous",
  "void",
  "adopted",
  "released",
];

/** A ledger key: what the vendors accept as an idempotency key, and a safe file name. */
export const KEY_PATTERN = /^[A-Za-z0-9_-]{1,120}$/;

/**
 * Checks a key before it names a file or a row.
 * @throws LedgerError for a key that is not one.
 */
export function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new LedgerError(`not a ledger key: ${JSON.stringify(key)}`);
}

/** The fields a released intent keeps: what identifies the job, and how and when it ended. */
export const TOMBSTONE_FIELDS = [
  "key",
  "scope",
  "kind",
  "epoch",
  "digest",
  "state",
  "jobId",
  "attempts",
  "ambiguous",
  "outcome",
  "createdAt",
  "updatedAt",
  "finishedAt",
  "releasedAt",
  "holder",
] as const satisfies readonly (keyof Intent)[];

/** The record a claim creates: no attempt yet, owned by the claiming runner unless it is an adoption. */
export function claimRecord(n: NewIntent, runnerId: string, now: string): Intent {
  return withoutUndefined({
    key: n.key,
    scope: n.scope,
    kind: n.kind,
    epoch: n.epoch,
    digest: n.digest,
    state: n.state ?? "claimed",
    jobId: n.jobId,
    heldIds: n.heldIds,
    placement: n.placement,
    holder: n.holder,
    attempts: 0,
    ambiguous: 0,
    owner: n.state === "adopted" ? undefined : runnerId,
    createdAt: now,
    updatedAt: now,
  });
}

/** The compact tombstone of `cur`, released at `now`. */
export function tombstoneOf(cur: Intent, now: string): Intent {
  const kept: Record<string, unknown> = {};
  for (const f of TOMBSTONE_FIELDS) kept[f] = cur[f];
  return withoutUndefined({ ...kept, state: "released", updatedAt: now, releasedAt: now } as Intent);
}

/** Drops absent fields, as records are stored (a JSON file has no `undefined`). */
export function withoutUndefined<T extends object>(v: T): T {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null)) as T;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const optionalOf = (v: unknown, type: "string" | "number" | "boolean") =>
  v === undefined || v === null || typeof v === type;

/**
 * A stored record as an Intent, checked field by field: anything unexpected is an error naming the field, and
 * the caller fails closed. Times are ISO 8601 text; absent fields may be missing or null.
 * @throws IntentDecodeError naming what is wrong.
 */
export function decodeIntent(v: unknown, key: string): Intent {
  const bad = (why: string): never => {
    throw new IntentDecodeError(why);
  };
  if (!isObject(v)) return bad("it is not a record");
  const str = (x: unknown, name: string): string => (typeof x === "string" ? x : bad(`${name} is not text`));
  const opt = (x: unknown, name: string) => (x === null || x === undefined ? undefined : str(x, name));
  const count = (x: unknown, name: string): number =>
    Number.isSafeInteger(x) && (x as number) >= 0 ? (x as number) : bad(`${name} is ${JSON.stringify(x)}`);
  const time = (x: unknown, name: string): string | undefined => {
    if (x === null || x === undefined) return undefined;
    return typeof x === "string" && Number.isFinite(Date.parse(x)) ? x : bad(`${name} is not a time`);
  };
  if (v.key !== key) bad(`its key is ${JSON.stringify(v.key)}`);
  const state = str(v.state, "state") as IntentState;
  if (!INTENT_STATES.includes(state)) bad(`state ${JSON.stringify(v.state)} is not one of ${INTENT_STATES.join(", ")}`);
  if (v.heldIds !== null && v.heldIds !== undefined) {
    if (!Array.isArray(v.heldIds) || !v.heldIds.every((h) => typeof h === "string"))
      bad("heldIds is not a list of ids");
  }
  const placement = v.placement === null || v.placement === undefined ? undefined : toPlacement(v.placement);
  if (placement === null) bad(`placement ${JSON.stringify(v.placement)} is not a placement`);
  const outcome = v.outcome === null || v.outcome === undefined ? undefined : toOutcome(v.outcome);
  if (outcome === null) bad(`outcome ${JSON.stringify(v.outcome)} is not an outcome`);
  if (!optionalOf(v.legacy, "boolean")) bad("legacy is not a flag");
  if (!optionalOf(v.returned, "boolean")) bad("returned is not a flag");
  return withoutUndefined<Intent>({
    key,
    scope: str(v.scope, "scope"),
    kind: str(v.kind, "kind"),
    epoch: count(v.epoch, "epoch"),
    digest: str(v.digest, "digest"),
    state,
    jobId: opt(v.jobId, "jobId"),
    heldIds: (v.heldIds as string[] | null | undefined) ?? undefined,
    placement: placement ?? undefined,
    attempts: count(v.attempts, "attempts"),
    ambiguous: count(v.ambiguous, "ambiguous"),
    owner: opt(v.owner, "owner"),
    legacy: (v.legacy as boolean | null | undefined) ?? undefined,
    returned: (v.returned as boolean | null | undefined) ?? undefined,
    holder: opt(v.holder, "holder"),
    outcome: outcome ?? undefined,
    createdAt: time(v.createdAt, "createdAt") ?? bad("createdAt is missing"),
    updatedAt: time(v.updatedAt, "updatedAt") ?? bad("updatedAt is missing"),
    submittedAt: time(v.submittedAt, "submittedAt"),
    finishedAt: time(v.finishedAt, "finishedAt"),
    releasedAt: time(v.releasedAt, "releasedAt"),
  });
}

/** A stored record is not an intent; the message says which field. */
export class IntentDecodeError extends Error {
  constructor(readonly why: string) {
    super(why);
    this.name = "IntentDecodeError";
  }
}

/** A stored placement, or null when it is not one. */
function toPlacement(v: unknown): LedgerPlacement | null {
  if (!isObject(v)) return null;
  if (!optionalOf(v.region, "string") || !optionalOf(v.endpoint, "string") || !optionalOf(v.subAppId, "number")) {
    return null;
  }
  return v as LedgerPlacement;
}

/** A stored outcome, or null when it is not one. */
function toOutcome(v: unknown): IntentOutcome | null {
  if (!isObject(v) || typeof v.status !== "string" || typeof v.failed !== "boolean") return null;
  if (v.durationMs !== undefined && !(typeof v.durationMs === "number" && Number.isFinite(v.durationMs))) return null;
  if (!optionalOf(v.profile, "string")) return null;
  return v as unknown as IntentOutcome;
}

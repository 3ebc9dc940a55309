// Intents as rows of `pulumi_aigc_intents`: the column of each field, and a row read back through the shared
// intent codec, so a row fails closed exactly where a file ledger's record would.
import { decodeIntent, TOMBSTONE_FIELDS } from "../intent-codec";
import type { Intent, IntentFilter, IntentPatch } from "../ledger";
import type { LedgerTables } from "./tables";

/** The column of each stored field (the row's name for it). */
export const COLUMNS: Record<keyof Intent, string> = {
  key: "key",
  scope: "scope",
  kind: "kind",
  epoch: "epoch",
  digest: "digest",
  state: "state",
  jobId: "job_id",
  heldIds: "held_ids",
  placement: "placement",
  attempts: "attempts",
  ambiguous: "ambiguous",
  owner: "owner",
  legacy: "legacy",
  returned: "returned",
  holder: "holder",
  outcome: "outcome",
  createdAt: "created_at",
  updatedAt: "updated_at",
  submittedAt: "submitted_at",
  finishedAt: "finished_at",
  releasedAt: "released_at",
};

/** Fields kept as jsonb: written as JSON text. */
const JSON_FIELDS = new Set<keyof Intent>(["placement", "outcome"]);

/** The fields a runner may change, as `column = $n` assignments and their values (from `firstParam`). */
export function patchAssignments(patch: IntentPatch, firstParam: number): { sets: string[]; values: unknown[] } {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [field, value] of Object.entries(patch)) {
    values.push(
      value === undefined || value === null
        ? null
        : JSON_FIELDS.has(field as keyof Intent)
          ? JSON.stringify(value)
          : value,
    );
    sets.push(`${COLUMNS[field as keyof Intent]} = $${firstParam + values.length - 1}`);
  }
  return { sets, values };
}

/** The fields a runner may change (anything else in a patch is refused). */
export const PATCHABLE: ReadonlySet<string> = new Set<keyof IntentPatch>([
  "state",
  "jobId",
  "heldIds",
  "placement",
  "attempts",
  "ambiguous",
  "owner",
  "outcome",
  "submittedAt",
  "finishedAt",
  "legacy",
  "holder",
  "returned",
]);

/** `col = NULL` for every column a tombstone does not keep (intent-codec.ts TOMBSTONE_FIELDS). */
export const TOMBSTONE_NULLS: string = (Object.keys(COLUMNS) as (keyof Intent)[])
  .filter((f) => !(TOMBSTONE_FIELDS as readonly string[]).includes(f))
  .map((f) => `${COLUMNS[f]} = NULL`)
  .join(", ");

/**
 * A row as an Intent, through the shared codec (times become ISO text first; an invalid time stays invalid).
 * @throws IntentDecodeError naming what is wrong.
 */
export function rowToIntent(row: Record<string, unknown>, key: string): Intent {
  const record: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(COLUMNS)) {
    const v = row[column];
    record[field] = v instanceof Date ? (Number.isNaN(v.getTime()) ? "invalid" : v.toISOString()) : v;
  }
  return decodeIntent(record, key);
}

/** The columns of a row that hold something, by field name, for an operator reading a corrupt row. */
export function readableOf(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(COLUMNS)) {
    const v = row[column];
    if (v !== null && v !== undefined) out[field] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** The SELECT of the intents `filter` names, oldest first. */
export function selectIntents(t: LedgerTables, filter: IntentFilter): { text: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  if (filter.scopePrefix !== undefined) {
    values.push(`${filter.scopePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`scope LIKE $${values.length}`);
  }
  if (filter.states) {
    values.push(filter.states);
    where.push(`state = ANY($${values.length})`);
  }
  if (filter.holding !== undefined) {
    values.push(filter.holding);
    const n = values.length;
    // A union rather than an OR, so that both look-ups are index scans.
    where.push(
      `key IN (SELECT key FROM ${t.intents} WHERE job_id = $${n} ` +
        `UNION SELECT key FROM ${t.holdings} WHERE vendor_id = $${n})`,
    );
  }
  const condition = where.length ? `WHERE ${where.join(" AND ")}` : "";
  return { text: `SELECT * FROM ${t.intents} ${condition} ORDER BY created_at, key`, values };
}

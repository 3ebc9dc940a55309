import * as fs from "node:fs";
import * as path from "node:path";
import { FileLedger } from "./file-ledger";
import { type Ledger, LedgerError } from "./ledger";
import { type LedgerLocation, redactUrl } from "./ledger-location";

export {
  type LedgerLocation,
  type LedgerSettings,
  ledgerLocation,
  pulumiAigcHome,
  redactUrl,
} from "./ledger-location";

/** Opens the ledger at `loc`, then imports the 0.1 submission journals it supersedes. */
export async function openLedgerAt(loc: LedgerLocation): Promise<Ledger> {
  let ledger: Ledger;
  if (loc.type === "file") {
    ledger = FileLedger.open(loc.dir);
  } else {
    // Loaded only when configured: file ledgers never load the PostgreSQL client.
    const { PostgresLedger } = await import("./postgres-ledger.js");
    ledger = await PostgresLedger.open(loc.url).catch((err: unknown) => {
      throw missingPasswordError(loc.url, err) ?? err;
    });
  }
  for (const dir of loc.journals) await importJournal(ledger, dir);
  return ledger;
}

/**
 * The server asked for a password and none was given (node-postgres then fails inside SCRAM with "client
 * password must be a string"): a message that says which password is missing, or undefined for other errors.
 */
export function missingPasswordError(url: string, err: unknown): LedgerError | undefined {
  const text = `${(err as Error)?.message ?? ""} ${((err as Error)?.cause as Error | undefined)?.message ?? ""}`;
  if (!/client password must be a string/i.test(text)) return undefined;
  return new LedgerError(
    `PostgreSQL ledger ${redactUrl(url)}: the server asks for a password and none was given. Set PGPASSWORD ` +
      "in the environment of pulumi (and of pulumi-aigc ledger), or put the password in the URL " +
      "(postgres://<user>:<password>@<host>:<port>/<database>; with aigc:ledger, set it as a secret: " +
      "pulumi config set --secret aigc:ledger …). Nothing was submitted",
    { cause: err },
  );
}

/** One entry of a pulumi-aigc 0.1 submission journal. */
interface JournalEntry {
  readonly key: string;
  readonly kind: string;
  readonly state: "submitting" | "submitted" | "ambiguous";
  readonly jobId?: string;
  readonly startedAt: string;
  readonly ambiguous?: number;
}

/**
 * Imports the entries of a 0.1 journal directory (one `<key>.json` per submission) as intents, then moves
 * each file to `migrated/`. Their keys follow the old derivation; the lifecycle finds them by that key.
 */
export async function importJournal(ledger: Ledger, dir: string): Promise<number> {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith(".json") && n !== "ledger.json");
  } catch {
    return 0;
  }
  let imported = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    let entry: JournalEntry;
    try {
      entry = JSON.parse(fs.readFileSync(file, "utf8")) as JournalEntry;
    } catch (err) {
      throw new LedgerError(
        `0.1 journal entry ${file} is unreadable (${(err as Error).message}); nothing was submitted`,
      );
    }
    if (typeof entry?.key !== "string" || !["submitting", "submitted", "ambiguous"].includes(entry.state)) continue;
    const existing = await ledger.get(entry.key);
    if (!existing) {
      const res = await ledger.claim({
        key: entry.key,
        scope: `(0.1 journal)/${entry.kind}`,
        kind: entry.kind,
        epoch: 0,
        digest: "",
      });
      await ledger.update(res.intent.key, {
        // A `submitting` entry may have been sent: an intent without a live owner, which the next claim recovers.
        state: entry.state === "submitting" ? "claimed" : entry.state,
        jobId: entry.jobId,
        ambiguous: entry.ambiguous ?? 0,
        attempts: 1,
        owner: undefined,
        legacy: true,
        submittedAt: entry.startedAt,
      });
    }
    fs.mkdirSync(path.join(dir, "migrated"), { recursive: true });
    fs.renameSync(file, path.join(dir, "migrated", name));
    imported++;
  }
  return imported;
}

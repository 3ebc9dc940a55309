import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FileLedger } from "./file-ledger";
import { type Ledger, LedgerError } from "./ledger";

/** Where the ledger is: a directory, or a PostgreSQL connection string. */
export type LedgerLocation = (
  | { readonly type: "file"; readonly dir: string }
  | { readonly type: "postgres"; readonly url: string }
) & {
  /** 0.1 submission-journal directories to import on open. */
  readonly journals: readonly string[];
};

/** The settings a ledger location is read from (stack config or environment, already resolved). */
export interface LedgerSettings {
  /** `aigc:ledger` / `PULUMI_AIGC_LEDGER`: `file:///dir` or `postgres://…`. */
  readonly ledger?: string | undefined;
  /** `aigc:journalDir` / `PULUMI_AIGC_JOURNAL_DIR`: the 0.1 setting, an alias of `file://<dir>`. */
  readonly journalDir?: string | undefined;
}

/** `$PULUMI_HOME/pulumi-aigc` (`~/.pulumi/pulumi-aigc` by default). */
export function pulumiAigcHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.PULUMI_HOME || path.join(os.homedir(), ".pulumi"), "pulumi-aigc");
}

/**
 * Resolves the ledger location: `aigc:ledger`, else `aigc:journalDir` (alias), else the default
 * `$PULUMI_HOME/pulumi-aigc/ledger`.
 * @throws LedgerError for a URL that is neither `file://` nor `postgres(ql)://`.
 */
export function ledgerLocation(s: LedgerSettings, env: NodeJS.ProcessEnv = process.env): LedgerLocation {
  const v = s.ledger?.trim();
  const journalDir = s.journalDir?.trim() ? path.resolve(s.journalDir.trim()) : undefined;
  if (v) {
    // An explicit ledger imports only the journal the config names: never another machine-wide directory.
    const journals = journalDir ? [journalDir] : [];
    if (/^postgres(ql)?:\/\//i.test(v)) return { type: "postgres", url: v, journals };
    if (/^file:\/\//i.test(v)) {
      return { type: "file", dir: path.resolve(decodeURIComponent(new URL(v).pathname)), journals };
    }
    throw new LedgerError(
      `aigc:ledger must be file:///<directory> or postgres://<user>@<host>:<port>/<database> (got ${redactUrl(v)})`,
    );
  }
  if (journalDir) return { type: "file", dir: journalDir, journals: [journalDir] };
  const home = pulumiAigcHome(env);
  return { type: "file", dir: path.join(home, "ledger"), journals: [path.join(home, "submissions")] };
}

/**
 * A connection string without its password, for messages: the user info's password (up to the last "@", since
 * passwords may hold an unencoded "@") and any `password=` parameter.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*):[^?#]*@/i, "$1:***@")
    .replace(/([?&](?:ssl)?password=)[^&#]*/gi, "$1***");
}

/** Opens the ledger at `loc`, then imports the 0.1 submission journals it supersedes. */
export async function openLedgerAt(loc: LedgerLocation): Promise<Ledger> {
  let ledger: Ledger;
  if (loc.type === "file") {
    ledger = FileLedger.open(loc.dir);
  } else {
    // Loaded only when configured: file ledgers never load the PostgreSQL client.
    const { PostgresLedger } = await import("./postgres-ledger.js");
    ledger = await PostgresLedger.open(loc.url);
  }
  for (const dir of loc.journals) await importJournal(ledger, dir);
  return ledger;
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

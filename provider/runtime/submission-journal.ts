import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setting } from "./provider-config";

/**
 * What this machine knows about one submission, kept outside Pulumi's state: the state file only learns a
 * job id when `create` returns, so a process killed while waiting would otherwise forget a paid job.
 * `submitting` is written before the request leaves, `submitted` (with the job id) as soon as it is known,
 * `ambiguous` when the vendor may have created a job that could not be identified.
 */
export interface JournalEntry {
  readonly key: string;
  readonly kind: string;
  readonly state: "submitting" | "submitted" | "ambiguous";
  readonly jobId?: string | undefined;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** Submissions of this key that failed ambiguously before the one that gave `jobId` (possible duplicates). */
  readonly ambiguous?: number | undefined;
}

/** `aigc:journalDir`, `PULUMI_AIGC_JOURNAL_DIR`, else `$PULUMI_HOME/pulumi-aigc/submissions` (~/.pulumi by default). */
export function journalDir(): string {
  const configured = setting("journalDir");
  if (configured) return path.resolve(configured);
  const home = process.env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");
  return path.join(home, "pulumi-aigc", "submissions");
}

const fileOf = (key: string) => path.join(journalDir(), `${key.replace(/[^A-Za-z0-9_-]/g, "_")}.json`);

export function readJournal(key: string): JournalEntry | undefined {
  try {
    return JSON.parse(fs.readFileSync(fileOf(key), "utf8")) as JournalEntry;
  } catch {
    return undefined;
  }
}

/** Writes an entry atomically and durably (write, fsync, rename) before the caller goes on. */
export function writeJournal(entry: Omit<JournalEntry, "updatedAt">): JournalEntry {
  const full: JournalEntry = { ...entry, updatedAt: new Date().toISOString() };
  const file = fileOf(entry.key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, JSON.stringify(full));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return full;
}

export function removeJournal(key: string): void {
  fs.rmSync(fileOf(key), { force: true });
}

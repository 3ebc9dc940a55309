// Durable JSON files for the file ledger: atomic replace, exclusive create, and a lock file for
// read-modify-write. The ledger's own writes are asynchronous (fs/promises), so that the items of a batch overlap
// their I/O instead of blocking the process one fsync at a time (issue 21: ~10 ms each here); the synchronous
// forms remain for opening a ledger (its identity file), which happens once per process.
import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { LedgerError } from "./ledger";
import { processAlive, processStartTicks } from "./runner";

/** A lock older than this whose holder cannot be checked (another host's) is broken; also the longest wait. */
const LOCK_WAIT_MS = 10_000;
const LOCK_POLL_MS = 10;

/** What a JSON read found: the value, nothing, or why it cannot be used. */
export type JsonRead =
  | { readonly value: unknown }
  | { readonly absent: true }
  | { readonly why: string; readonly text?: string };

/**
 * Reads a JSON file without judging it.
 * @throws LedgerError when the file exists but cannot be read at all (permissions, I/O).
 */
export function readJsonFile(file: string): JsonRead {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { absent: true };
    throw new LedgerError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { why: `not valid JSON (${(err as Error).message})`, text };
  }
}

/**
 * Temp file, fsync, rename over the target, fsync of the directory.
 * @throws LedgerError when the file cannot be written.
 */
export function writeAtomic(file: string, value: unknown): void {
  guard(`cannot write ${file}`, () => {
    const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    writeDurably(tmp, JSON.stringify(value));
    fs.renameSync(tmp, file);
    fsyncDir(path.dirname(file));
  });
}

/**
 * Creates `file` with `value` only if it does not exist (a hard link of a complete temp file).
 * Returns false when it already existed.
 * @throws LedgerError when the file cannot be written.
 */
export function createExclusive(file: string, value: unknown): boolean {
  return guard(`cannot write ${file}`, () => {
    const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    writeDurably(tmp, JSON.stringify(value));
    try {
      fs.linkSync(tmp, file);
      fsyncDir(path.dirname(file));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  });
}

/**
 * Temp file, fsync, rename over the target, fsync of the directory (shared with concurrent writers of that
 * directory: see syncDirGrouped); resolves only once the rename is durable.
 * @throws LedgerError when the file cannot be written.
 */
export async function writeAtomicAsync(file: string, value: unknown): Promise<void> {
  await guardAsync(`cannot write ${file}`, async () => {
    const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    // The content is on disk before the rename can expose it: a crash never leaves a torn file under the name.
    await writeDurablyAsync(tmp, JSON.stringify(value));
    await fsp.rename(tmp, file);
    // The rename itself is durable before the caller is told the write succeeded.
    await syncDirGrouped(path.dirname(file));
  });
}

/**
 * As createExclusive, asynchronously: resolves true once the new file's link is durable, false when it existed.
 * `durable: false` skips both fsyncs, for a file no crash rule reads (the lock file: see withLockFile).
 * @throws LedgerError when the file cannot be written.
 */
export async function createExclusiveAsync(file: string, value: unknown, durable = true): Promise<boolean> {
  return guardAsync(`cannot write ${file}`, async () => {
    const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    // Complete before the link, durable or not: a reader never sees the file empty or half written.
    if (durable) await writeDurablyAsync(tmp, JSON.stringify(value));
    else await fsp.writeFile(tmp, JSON.stringify(value), { flag: "wx" });
    try {
      await fsp.link(tmp, file);
      if (durable) await syncDirGrouped(path.dirname(file));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw err;
    } finally {
      await fsp.rm(tmp, { force: true });
    }
  });
}

/** What a lock file (or a lock-break claim) records of its holder. */
interface LockHolder {
  readonly runner?: string;
  readonly host?: string;
  readonly pid?: number;
  /** The holder's kernel start time (see processStartTicks): a recycled pid is not taken for the holder. */
  readonly startTicks?: string;
  /** Random per acquisition: a holder releases the lock only while it is still its own. */
  readonly token?: string;
  readonly at?: string;
}

/** This process's start time, read once (it does not change). */
let selfStartTicks: string | undefined | null = null;
function holderRecord(runnerId: string): LockHolder & { readonly token: string } {
  if (selfStartTicks === null) selfStartTicks = processStartTicks(process.pid);
  const rec = { runner: runnerId, host: os.hostname(), pid: process.pid, token: randomUUID() };
  return {
    ...rec,
    ...(selfStartTicks !== undefined ? { startTicks: selfStartTicks } : {}),
    at: new Date().toISOString(),
  };
}

/**
 * Runs a read-modify-write under the exclusive lock file `lock`; a lock left by a dead runner is broken (see
 * breakStale). Waiting for a held lock yields to the event loop.
 * @throws LedgerError when the lock stays held by a live runner for LOCK_WAIT_MS.
 */
export async function withLockFile<T>(lock: string, runnerId: string, fn: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let mine: LockHolder & { readonly token: string };
  for (;;) {
    mine = holderRecord(runnerId);
    // Not durable (no fsync): a lock only excludes live runners. After a crash of the process its holder is dead
    // (broken by pid and start time on the same host, by age from another), and after a crash of the machine a
    // lock file that was lost, kept or left empty is the same to the next runner. The guarded writes are durable.
    if (await createExclusiveAsync(lock, mine, false)) break;
    const text = await readTextOrAbsent(lock);
    // Gone since the create failed: its holder released it (or it was broken). Try again; never judge it dead.
    if (text === undefined) continue;
    if (await isStale(lock, text)) await breakStale(lock, text);
    else if (Date.now() > deadline) throw new LedgerError(`timed out waiting for the ledger lock ${lock}`);
    else await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
  }
  try {
    return await fn();
  } finally {
    // Only while it is still ours: a lock broken meanwhile (another host judged it by age) may be someone else's.
    const now = await readTextOrAbsent(lock);
    if (now !== undefined && parseHolder(now)?.token === mine.token) await fsp.rm(lock, { force: true });
  }
}

/**
 * Whether the lock (or claim) file whose content is `text` was left by a dead holder: on this host by its pid and
 * start time only (a live holder is never broken, however long it holds); from another host, or unreadable (an
 * empty file after a machine crash), by age.
 */
async function isStale(file: string, text: string): Promise<boolean> {
  const holder = parseHolder(text);
  if (holder?.host === os.hostname() && typeof holder.pid === "number") {
    return !processAlive(holder.pid, holder.startTicks);
  }
  let at = Date.parse(holder?.at ?? "");
  if (Number.isNaN(at))
    at = await fsp.stat(file).then(
      (s) => s.mtimeMs,
      () => Date.now(),
    );
  return Date.now() - at > LOCK_WAIT_MS;
}

/**
 * Removes `file` only if it still holds `judged` (content judged stale), racing no one: the breakers of one stale
 * content first take a claim file named for it (exclusive create), so only one of them can act; that one re-reads
 * the file and removes it only if it is unchanged. While the stale content is in place nobody else can remove it
 * (its holder is dead, other breakers lack the claim) nor create a lock there, so the removal cannot hit a live
 * lock; a late breaker that wins the claim after it is released finds other content (tokens are unique) and
 * removes nothing. A claim whose breaker died is broken the same way, one level down.
 */
async function breakStale(file: string, judged: string): Promise<void> {
  const digest = createHash("sha256").update(judged).digest("hex").slice(0, 16);
  const claim = `${file}.break-${digest}`;
  if (await createExclusiveAsync(claim, holderRecord("lock-breaker"), false)) {
    try {
      if ((await readTextOrAbsent(file)) === judged) await fsp.rm(file, { force: true });
    } finally {
      await fsp.rm(claim, { force: true });
    }
    return;
  }
  const claimText = await readTextOrAbsent(claim);
  if (claimText === undefined) return; // that breaker finished: the caller looks again
  if (await isStale(claim, claimText)) await breakStale(claim, claimText);
  else await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
}

async function readTextOrAbsent(file: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new LedgerError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null ? (v as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** Per directory: the fsync running now, and the one queued to start after it (see syncDirGrouped). */
const dirSyncs = new Map<string, { running?: Promise<void> | undefined; next?: Promise<void> | undefined }>();

/**
 * Makes durable every rename into `dir` that completed before this call. Group commit: callers share fsyncs.
 * A caller never joins an fsync already running (it may have started before the caller's rename); it joins the
 * next one, which starts when the running one ends, after the renames of everyone waiting for it.
 * @throws the fsync's error, to every caller that waited for that fsync.
 */
export function syncDirGrouped(dir: string): Promise<void> {
  const s = dirSyncs.get(dir) ?? {};
  dirSyncs.set(dir, s);
  const start = (): Promise<void> => {
    const p: Promise<void> = fsyncDirAsync(dir).finally(() => {
      if (s.running === p) s.running = undefined;
    });
    s.running = p;
    return p;
  };
  if (!s.running) return start();
  if (!s.next) {
    s.next = s.running
      .catch(() => undefined)
      .then(() => {
        s.next = undefined;
        return start();
      });
  }
  return s.next;
}

/**
 * Runs `fn`, turning a file-system error into a LedgerError that says what was being done.
 * @throws LedgerError
 */
export function guard<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LedgerError) throw err;
    throw new LedgerError(`${what}: ${(err as Error).message}`, { cause: err });
  }
}

/** As guard, for asynchronous work. */
async function guardAsync<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof LedgerError) throw err;
    throw new LedgerError(`${what}: ${(err as Error).message}`, { cause: err });
  }
}

async function writeDurablyAsync(file: string, text: string): Promise<void> {
  const fh = await fsp.open(file, "wx");
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function fsyncDirAsync(dir: string): Promise<void> {
  const fh = await fsp.open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, "wx");
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

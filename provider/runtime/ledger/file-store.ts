// Durable JSON files for the file ledger: atomic replace, exclusive create, and a lock file for
// read-modify-write. The ledger's own writes are asynchronous (fs/promises), so that the items of a batch overlap
// their I/O instead of blocking the process one fsync at a time (issue 21: ~10 ms each here); the synchronous
// forms remain for opening a ledger (its identity file), which happens once per process.
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { LedgerError } from "./ledger";
import { processAlive } from "./runner";

/** A mutation lock older than this whose owner cannot be checked is broken. */
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

/**
 * Runs a read-modify-write under the exclusive lock file `lock`; a lock left by a dead runner is broken.
 * Waiting for a held lock yields to the event loop.
 * @throws LedgerError when the lock stays held by a live runner for LOCK_WAIT_MS.
 */
export async function withLockFile<T>(lock: string, runnerId: string, fn: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const mine = { runner: runnerId, host: os.hostname(), pid: process.pid, at: new Date().toISOString() };
    // Not durable (no fsync): a lock only excludes live runners. After a crash of the process its holder is dead
    // (broken below by pid, or by age from another host), and after a crash of the machine a lock file that was
    // lost or kept is the same to the next runner. The writes it guards are durable on their own.
    if (await createExclusiveAsync(lock, mine, false)) break;
    const holder = await fsp
      .readFile(lock, "utf8")
      .then((t) => JSON.parse(t) as { host?: string; pid?: number; at?: string })
      .catch(() => undefined);
    const dead =
      holder === undefined ||
      (holder.host === os.hostname() && holder.pid !== undefined && !processAlive(holder.pid, undefined)) ||
      Date.now() - Date.parse(holder.at ?? "") > LOCK_WAIT_MS;
    if (dead) await fsp.rm(lock, { force: true });
    else if (Date.now() > deadline) throw new LedgerError(`timed out waiting for the ledger lock ${lock}`);
    else await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
  }
  try {
    return await fn();
  } finally {
    await fsp.rm(lock, { force: true });
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

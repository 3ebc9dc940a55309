// Durable JSON files for the file ledger: atomic replace, exclusive create, and a lock file for
// read-modify-write. The lock's wait is asynchronous, so a runner waiting for it never blocks the event loop.
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
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
 * Runs a read-modify-write under the exclusive lock file `lock`; a lock left by a dead runner is broken.
 * Waiting for a held lock yields to the event loop.
 * @throws LedgerError when the lock stays held by a live runner for LOCK_WAIT_MS.
 */
export async function withLockFile<T>(lock: string, runnerId: string, fn: () => T): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const mine = { runner: runnerId, host: os.hostname(), pid: process.pid, at: new Date().toISOString() };
    if (createExclusive(lock, mine)) break;
    const holder = (() => {
      try {
        return JSON.parse(fs.readFileSync(lock, "utf8")) as { host?: string; pid?: number; at?: string };
      } catch {
        return undefined;
      }
    })();
    const dead =
      holder === undefined ||
      (holder.host === os.hostname() && holder.pid !== undefined && !processAlive(holder.pid, undefined)) ||
      Date.now() - Date.parse(holder.at ?? "") > LOCK_WAIT_MS;
    if (dead) fs.rmSync(lock, { force: true });
    else if (Date.now() > deadline) throw new LedgerError(`timed out waiting for the ledger lock ${lock}`);
    else await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
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

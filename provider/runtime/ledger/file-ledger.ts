import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type FileLedgerMeta, openFileLedgerMeta } from "./file-ledger-format";
import { createExclusiveAsync, guard, readJsonFile, withLockFile, writeAtomicAsync } from "./file-store";
import { EPOCH_RETENTION_MS } from "./gc-ages";
import { checkKey, claimRecord, decodeIntent, IntentDecodeError, KEY_PATTERN, tombstoneOf } from "./intent-codec";
import { byCreation, IntentIndex, matchesFilter } from "./intent-filter";
import {
  type ClaimResult,
  type GcResult,
  type Intent,
  type IntentFilter,
  type IntentPatch,
  type Ledger,
  LedgerError,
  type NewIntent,
  type OwnerStatus,
  type RunnerInfo,
  type ScanResult,
  type UnreadableEntry,
} from "./ledger";
import { currentRunner, processAlive } from "./runner";

/** A runner on another host is taken for dead when its heartbeat is older than this. */
const REMOTE_OWNER_TTL_MS = 45_000;
const HEARTBEAT_EVERY_MS = 10_000;

interface OwnerRecord extends RunnerInfo {
  readonly startTicks?: string | undefined;
  readonly heartbeatAt: string;
}

const scopeFile = (scope: string) => createHash("sha256").update(scope).digest("hex").slice(0, 40);

/**
 * A ledger in a directory: one JSON file per intent, written durably (temp file, fsync, rename, fsync of the
 * directory). A claim is an exclusive create (a hard link of a complete temp file, which fails if the intent
 * exists), so two runners on one machine, or on machines sharing the directory, never both claim an intent.
 * A runner's liveness: its process (same host) or its heartbeat (another host).
 */
export class FileLedger implements Ledger {
  readonly location: string;
  readonly runner: RunnerInfo;
  private readonly self: OwnerRecord;
  private meta!: FileLedgerMeta;
  private heartbeat: NodeJS.Timeout | undefined;
  /** This runner's liveness record, durable: written once before its first claim or takeover. */
  private ownerWritten: Promise<void> | undefined;
  private onExit: (() => void) | undefined;
  private durationCache: Map<string, Array<{ key: string; at: string; ms: number }>> | undefined;
  /** The intents as of the first cached listing, kept current with this runner's own writes (`cached` lists). */
  private readonly index = new IntentIndex(() => this.list({}));

  private constructor(private readonly root: string) {
    this.location = `file://${root}`;
    const r = currentRunner();
    this.self = { ...r, heartbeatAt: r.startedAt };
    this.runner = { id: r.id, host: r.host, pid: r.pid, startedAt: r.startedAt };
  }

  /**
   * Opens (creating if needed) the ledger in `dir`.
   * @throws LedgerError when the directory or its identity file cannot be read or written.
   */
  static open(dir: string): FileLedger {
    const ledger = new FileLedger(path.resolve(dir));
    ledger.init();
    return ledger;
  }

  get id(): string {
    return this.meta.id;
  }

  /** The format version of the directory (file-ledger-format.ts), after migration. */
  get version(): number {
    return this.meta.version;
  }

  private init(): void {
    guard(`cannot open the ledger at ${this.root}`, () => {
      for (const sub of ["intents", "scopes", "owners", "locks"])
        fs.mkdirSync(path.join(this.root, sub), { recursive: true });
      this.meta = openFileLedgerMeta(this.root);
    });
  }

  async epoch(scope: string): Promise<number> {
    const rec = this.readJson<{ epoch: number }>(path.join(this.root, "scopes", `${scopeFile(scope)}.json`));
    return rec?.epoch ?? 0;
  }

  async get(key: string): Promise<Intent | undefined> {
    return this.readIntent(key);
  }

  async claim(n: NewIntent): Promise<ClaimResult> {
    const intent = claimRecord(n, this.runner.id, new Date().toISOString());
    await this.beat();
    // The claim: durable before the caller may send the submit (the exactly-once rule rests on it).
    if (await createExclusiveAsync(this.intentFile(n.key), intent)) {
      this.index.note(intent);
      return { claimed: true, intent };
    }
    const existing = await this.get(n.key);
    if (!existing) throw new LedgerError(`ledger entry ${this.intentFile(n.key)} vanished while it was being claimed`);
    // A release killed between its two steps left its tombstone at the scope's current epoch: finish it, so that
    // the caller's next read of the epoch gives a new key (else every claim of that request finds the tombstone).
    if (existing.state === "released") await this.moveEpochPast(existing.scope, existing.epoch, true);
    const { status, info } = await this.ownerStatus(existing);
    return { claimed: false, intent: existing, owner: status, ...(info ? { ownerInfo: info } : {}) };
  }

  async takeOver(key: string, previousOwner: string | undefined): Promise<Intent | undefined> {
    await this.beat();
    return this.withLock(key, () => {
      const cur = this.readIntent(key);
      if (!cur || cur.owner !== previousOwner) return undefined;
      return this.write(key, { ...cur, owner: this.runner.id, updatedAt: new Date().toISOString() });
    });
  }

  async ownerStatus(intent: Intent): Promise<{ status: OwnerStatus; info?: RunnerInfo }> {
    if (!intent.owner) return { status: "none" };
    if (intent.owner === this.runner.id) return { status: "self", info: this.runner };
    const rec = this.readJson<OwnerRecord>(path.join(this.root, "owners", `${safeName(intent.owner)}.json`));
    if (!rec) return { status: "dead" };
    const info: RunnerInfo = { id: rec.id, host: rec.host, pid: rec.pid, startedAt: rec.startedAt };
    const alive =
      rec.host === os.hostname()
        ? processAlive(rec.pid, rec.startTicks)
        : Date.now() - Date.parse(rec.heartbeatAt) < REMOTE_OWNER_TTL_MS;
    return { status: alive ? "live" : "dead", info };
  }

  async update(key: string, patch: IntentPatch): Promise<Intent> {
    return this.withLock(key, () => {
      const cur = this.readIntent(key);
      if (!cur) throw new LedgerError(`ledger entry ${this.intentFile(key)} does not exist (it was expected)`);
      return this.write(key, { ...cur, ...patch, updatedAt: new Date().toISOString() });
    });
  }

  async release(key: string): Promise<void> {
    const released = await this.withLock(key, async () => {
      const cur = this.readIntent(key);
      if (!cur || cur.state === "released") return undefined;
      // The tombstone keeps only what identifies the job and how and when it ended (intent-codec.ts).
      await this.write(key, tombstoneOf(cur, new Date().toISOString()));
      return cur;
    });
    if (!released) return;
    // The next intent of this scope gets a new key, even with identical inputs.
    await this.moveEpochPast(released.scope, released.epoch, false);
  }

  /**
   * Moves the epoch of `scope` to one past the larger of itself and `epoch`; with `onlyIfBehind`, only when it is
   * not past `epoch` yet (repairing a release that stopped before this step: nothing moves twice).
   */
  private async moveEpochPast(scope: string, epoch: number, onlyIfBehind: boolean): Promise<void> {
    const file = path.join(this.root, "scopes", `${scopeFile(scope)}.json`);
    await this.withLock(`scope-${scopeFile(scope)}`, async () => {
      const cur = this.readJson<{ epoch: number }>(file)?.epoch ?? 0;
      if (onlyIfBehind && cur > epoch) return;
      await writeAtomicAsync(file, { scope, epoch: Math.max(cur, epoch) + 1, updatedAt: new Date().toISOString() });
    });
  }

  async list(filter: IntentFilter = {}): Promise<Intent[]> {
    // The index: the directory read once, then this runner's own writes and fresh reads (issue 21).
    if (filter.cached) return this.index.list(filter);
    const { intents, unreadable } = await this.scan(filter);
    if (unreadable[0]) throw unreadableError(this.intentFile(unreadable[0].key), unreadable[0].key, unreadable[0].why);
    return intents;
  }

  async scan(filter: IntentFilter = {}): Promise<ScanResult> {
    const dir = path.join(this.root, "intents");
    const names = guard(`cannot list ${dir}`, () => fs.readdirSync(dir));
    const out: Intent[] = [];
    const unreadable: UnreadableEntry[] = [];
    for (const name of names) {
      if (!name.endsWith(".json")) continue;
      const key = name.slice(0, -5);
      // A file no key could name (copied in by hand) is reported, not a reason to stop listing.
      const found = KEY_PATTERN.test(key) ? this.inspect(key) : { key, why: "its name is not a ledger key" };
      if (found === undefined) continue;
      if ("why" in found) {
        unreadable.push(found);
        continue;
      }
      if (matchesFilter(found.intent, filter)) out.push(found.intent);
    }
    return { intents: byCreation(out), unreadable };
  }

  async durations(profile: string, limit: number): Promise<number[]> {
    if (!this.durationCache) {
      this.durationCache = new Map();
      for (const i of await this.list()) this.cacheDuration(i);
    }
    return (this.durationCache.get(profile) ?? [])
      .slice()
      .sort((a, b) => (a.at < b.at ? 1 : -1))
      .slice(0, limit)
      .map((d) => d.ms);
  }

  async gc(olderThanMs: number, now = Date.now()): Promise<GcResult> {
    const before = this.bytes();
    let removed = 0;
    let kept = 0;
    // An entry gc cannot read is left as it is and reported: it may name a job in flight.
    const { intents, unreadable } = await this.scan();
    const openScopes = new Set<string>();
    for (const i of intents) {
      const endedAt = i.releasedAt ?? i.updatedAt;
      const tombstone = i.state === "released" || i.state === "void";
      if (tombstone && now - Date.parse(endedAt) > olderThanMs) {
        guard(`cannot remove ${this.intentFile(i.key)}`, () => fs.rmSync(this.intentFile(i.key), { force: true }));
        removed++;
      } else {
        kept++;
        openScopes.add(scopeFile(i.scope));
      }
    }
    // An idle scope's epoch goes only once every intent of it is gone and its last release is older than the
    // epoch retention, whatever age gc was given: an epoch back at 0 reissues keys, and a vendor that still
    // remembers one (Tencent's SessionId) would hand a destroy-then-create the deleted job.
    const epochAge = Math.max(olderThanMs, EPOCH_RETENTION_MS);
    const scopesDir = path.join(this.root, "scopes");
    for (const name of fs.readdirSync(scopesDir)) {
      // An unreadable entry's scope is unknown: while one is there, no epoch goes.
      if (name.includes(".tmp") || unreadable.length > 0) continue;
      const rec = this.readJson<{ updatedAt: string }>(path.join(scopesDir, name));
      if (rec && !openScopes.has(name.replace(/\.json$/, "")) && now - Date.parse(rec.updatedAt) > epochAge) {
        fs.rmSync(path.join(scopesDir, name), { force: true });
      }
    }
    for (const sub of ["scopes", "intents", "owners", "locks"]) {
      const dir = path.join(this.root, sub);
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        const stale = now - fs.statSync(file).mtimeMs > 3600_000;
        if (name.includes(".tmp") && stale) fs.rmSync(file, { force: true });
        else if (sub === "owners" && stale) fs.rmSync(file, { force: true });
      }
    }
    this.durationCache = undefined;
    this.index.reset();
    return { removed, kept, bytesBefore: before, bytesAfter: this.bytes(), skipped: unreadable };
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.ownerWritten = undefined;
    if (this.onExit) process.removeListener("exit", this.onExit);
    fs.rmSync(path.join(this.root, "owners", `${safeName(this.runner.id)}.json`), { force: true });
  }

  /** Total bytes of the ledger's files (for the growth figures). */
  bytes(): number {
    let total = 0;
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else total += fs.statSync(p).size;
      }
    };
    walk(this.root);
    return total;
  }

  // ---- internals ---------------------------------------------------------------------------------------

  private intentFile(key: string): string {
    checkKey(key);
    return path.join(this.root, "intents", `${key}.json`);
  }

  /** The intent of `key`: undefined when absent; LedgerError (naming the file) when unreadable. */
  private readIntent(key: string): Intent | undefined {
    const found = this.inspect(key);
    if (found && "why" in found) throw unreadableError(this.intentFile(key), key, found.why);
    // Every fresh read also freshens the index (another runner's change, or its gc).
    if (found) this.index.note(found.intent);
    else this.index.forget(key);
    return found?.intent;
  }

  /** The intent of `key`, or what of it is readable and why it is not an intent. */
  private inspect(key: string): { intent: Intent } | UnreadableEntry | undefined {
    const read = readJsonFile(this.intentFile(key));
    if ("absent" in read) return undefined;
    if ("why" in read) return { key, why: read.why, readable: read.text?.slice(0, 400) };
    try {
      return { intent: decodeIntent(read.value, key) };
    } catch (err) {
      if (!(err instanceof IntentDecodeError)) throw err;
      const readable = read.value !== null && typeof read.value === "object" ? read.value : String(read.value);
      return { key, why: `not a ledger record of the expected shape: ${err.why}`, readable: readable as never };
    }
  }

  /**
   * Writes this runner's liveness record, and keeps it fresh while the process lives. Resolves once the first
   * record is durable: a claim whose owner has no record reads as a dead runner's, which another would take over.
   */
  private beat(): Promise<void> {
    const file = path.join(this.root, "owners", `${safeName(this.runner.id)}.json`);
    const write = () => writeAtomicAsync(file, { ...this.self, heartbeatAt: new Date().toISOString() });
    if (!this.ownerWritten) {
      const first = write();
      this.ownerWritten = first;
      // A first write that failed is tried again by the next claim (its error reaches this claim's caller).
      first.catch(() => {
        if (this.ownerWritten === first) this.ownerWritten = undefined;
      });
    }
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        // A missed heartbeat only matters to runners on other hosts, after REMOTE_OWNER_TTL_MS.
        write().catch(() => undefined);
      }, HEARTBEAT_EVERY_MS);
      this.heartbeat.unref();
      // A process that is gone holds no claims: its record goes with it (a SIGKILL leaves it; the pid check
      // then tells other runners on this host that it is dead).
      this.onExit = () => fs.rmSync(file, { force: true });
      process.once("exit", this.onExit);
    }
    return this.ownerWritten!;
  }

  private cacheDuration(i: Intent): void {
    const o = i.outcome;
    if (!this.durationCache || !o?.profile || o.durationMs === undefined || o.failed) return;
    // One entry per intent: any later write of the intent (a holder, a mark) carries the same outcome again.
    const list = (this.durationCache.get(o.profile) ?? []).filter((d) => d.key !== i.key);
    list.push({ key: i.key, at: i.finishedAt ?? i.updatedAt, ms: o.durationMs });
    this.durationCache.set(o.profile, list);
  }

  private async write(key: string, intent: Intent): Promise<Intent> {
    await writeAtomicAsync(this.intentFile(key), intent);
    this.index.note(intent);
    if (intent.outcome) this.cacheDuration(intent);
    return intent;
  }

  /** Reads a JSON record (not an intent): undefined when absent; LedgerError when unreadable. */
  private readJson<T>(file: string): T | undefined {
    const read = readJsonFile(file);
    if ("absent" in read) return undefined;
    if ("why" in read || read.value === null || typeof read.value !== "object") {
      throw new LedgerError(`ledger file ${file} is unreadable (${"why" in read ? read.why : "not a record"})`);
    }
    return read.value as T;
  }

  /** Runs a read-modify-write under the lock `name` (waiting asynchronously for it). */
  private withLock<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    return withLockFile(path.join(this.root, "locks", `${safeName(name)}.lock`), this.runner.id, fn);
  }
}

/** The error for an entry the provider needs but cannot read: it names the entry and a way out that works. */
function unreadableError(file: string, key: string, why: string): LedgerError {
  return new LedgerError(
    `ledger entry ${file} is unreadable (${why}); nothing was submitted. \`npx pulumi-aigc ledger show ${key}\` ` +
      "prints what of it is readable (the job it names); repair the file or move it aside",
  );
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, "_");

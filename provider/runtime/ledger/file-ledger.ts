import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
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
} from "./ledger";
import { currentRunner, processAlive } from "./runner";

/** A runner on another host is taken for dead when its heartbeat is older than this. */
const REMOTE_OWNER_TTL_MS = 45_000;
const HEARTBEAT_EVERY_MS = 10_000;
/** A mutation lock older than this whose owner cannot be checked is broken. */
const LOCK_WAIT_MS = 10_000;

interface OwnerRecord extends RunnerInfo {
  readonly startTicks?: string | undefined;
  readonly heartbeatAt: string;
}

interface LedgerMeta {
  readonly format: "pulumi-aigc-ledger";
  readonly version: 1;
  readonly id: string;
  readonly createdAt: string;
}

const KEY = /^[A-Za-z0-9_-]{1,120}$/;
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
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
  private meta!: LedgerMeta;
  private heartbeat: NodeJS.Timeout | undefined;
  private onExit: (() => void) | undefined;
  private durationCache: Map<string, Array<{ at: string; ms: number }>> | undefined;

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

  private init(): void {
    this.guard(`cannot open the ledger at ${this.root}`, () => {
      for (const sub of ["intents", "scopes", "owners", "locks"])
        fs.mkdirSync(path.join(this.root, sub), { recursive: true });
      const file = path.join(this.root, "ledger.json");
      if (!fs.existsSync(file)) {
        const meta: LedgerMeta = {
          format: "pulumi-aigc-ledger",
          version: 1,
          id: randomUUID(),
          createdAt: new Date().toISOString(),
        };
        // Two first runs at once: one link wins, the other reads the winner's identity.
        this.createExclusive(file, meta);
      }
      const meta = this.readJson<LedgerMeta>(file);
      if (meta?.format !== "pulumi-aigc-ledger" || typeof meta.id !== "string") {
        throw new LedgerError(`${file} is not a pulumi-aigc ledger identity file`);
      }
      this.meta = meta;
    });
  }

  async epoch(scope: string): Promise<number> {
    const rec = this.readJson<{ epoch: number }>(path.join(this.root, "scopes", `${scopeFile(scope)}.json`));
    return rec?.epoch ?? 0;
  }

  async get(key: string): Promise<Intent | undefined> {
    return this.readJson<Intent>(this.intentFile(key), (v) => isIntent(v, key));
  }

  async claim(n: NewIntent): Promise<ClaimResult> {
    const now = new Date().toISOString();
    const intent: Intent = {
      key: n.key,
      scope: n.scope,
      kind: n.kind,
      epoch: n.epoch,
      digest: n.digest,
      state: n.state ?? "claimed",
      jobId: n.jobId,
      heldIds: n.heldIds,
      placement: n.placement,
      attempts: 0,
      ambiguous: 0,
      owner: n.state === "adopted" ? undefined : this.runner.id,
      holder: n.holder,
      createdAt: now,
      updatedAt: now,
    };
    this.beat();
    if (this.createExclusive(this.intentFile(n.key), intent)) return { claimed: true, intent };
    const existing = await this.get(n.key);
    if (!existing) throw new LedgerError(`ledger entry ${this.intentFile(n.key)} vanished while it was being claimed`);
    const { status, info } = await this.ownerStatus(existing);
    return { claimed: false, intent: existing, owner: status, ...(info ? { ownerInfo: info } : {}) };
  }

  async takeOver(key: string, previousOwner: string | undefined): Promise<Intent | undefined> {
    this.beat();
    return this.withLock(key, () => {
      const cur = this.readJson<Intent>(this.intentFile(key), (v) => isIntent(v, key));
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
      const cur = this.readJson<Intent>(this.intentFile(key), (v) => isIntent(v, key));
      if (!cur) throw new LedgerError(`ledger entry ${this.intentFile(key)} does not exist (it was expected)`);
      return this.write(key, { ...cur, ...patch, updatedAt: new Date().toISOString() });
    });
  }

  async release(key: string): Promise<void> {
    const released = this.withLock(key, () => {
      const cur = this.readJson<Intent>(this.intentFile(key), (v) => isIntent(v, key));
      if (!cur || cur.state === "released") return undefined;
      const now = new Date().toISOString();
      // The tombstone keeps only what identifies the job and when it ended.
      const tombstone: Intent = {
        key: cur.key,
        scope: cur.scope,
        kind: cur.kind,
        epoch: cur.epoch,
        digest: cur.digest,
        state: "released",
        jobId: cur.jobId,
        attempts: cur.attempts,
        ambiguous: cur.ambiguous,
        createdAt: cur.createdAt,
        updatedAt: now,
        releasedAt: now,
        ...(cur.outcome ? { outcome: cur.outcome } : {}),
        ...(cur.holder ? { holder: cur.holder } : {}),
      };
      this.write(key, tombstone);
      return cur;
    });
    if (!released) return;
    const file = path.join(this.root, "scopes", `${scopeFile(released.scope)}.json`);
    this.withLock(`scope-${scopeFile(released.scope)}`, () => {
      const cur = this.readJson<{ epoch: number }>(file);
      // The next intent of this scope gets a new key, even with identical inputs.
      this.writeAtomic(file, {
        scope: released.scope,
        epoch: Math.max(cur?.epoch ?? 0, released.epoch) + 1,
        updatedAt: new Date().toISOString(),
      });
    });
  }

  async list(filter: IntentFilter = {}): Promise<Intent[]> {
    const dir = path.join(this.root, "intents");
    const names = this.guard(`cannot list ${dir}`, () => fs.readdirSync(dir));
    const out: Intent[] = [];
    for (const name of names) {
      if (!name.endsWith(".json")) continue;
      const key = name.slice(0, -5);
      const intent = this.readJson<Intent>(path.join(dir, name), (v) => isIntent(v, key));
      if (!intent) continue;
      if (filter.scopePrefix !== undefined && !intent.scope.startsWith(filter.scopePrefix)) continue;
      if (filter.states && !filter.states.includes(intent.state)) continue;
      if (
        filter.holding !== undefined &&
        intent.jobId !== filter.holding &&
        !intent.heldIds?.includes(filter.holding)
      ) {
        continue;
      }
      out.push(intent);
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
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
    const intents = await this.list();
    const openScopes = new Set<string>();
    for (const i of intents) {
      const endedAt = i.releasedAt ?? i.updatedAt;
      const tombstone = i.state === "released" || i.state === "void";
      if (tombstone && now - Date.parse(endedAt) > olderThanMs) {
        this.guard(`cannot remove ${this.intentFile(i.key)}`, () => fs.rmSync(this.intentFile(i.key), { force: true }));
        removed++;
      } else {
        kept++;
        openScopes.add(scopeFile(i.scope));
      }
    }
    // An idle scope's epoch counter can go once every intent of it is gone and its last release is old:
    // a key it issued again could only repeat after the vendors' dedup windows have passed.
    const scopesDir = path.join(this.root, "scopes");
    for (const name of fs.readdirSync(scopesDir)) {
      const file = path.join(scopesDir, name);
      if (name.includes(".tmp")) {
        if (now - fs.statSync(file).mtimeMs > 3600_000) fs.rmSync(file, { force: true });
        continue;
      }
      const rec = this.readJson<{ updatedAt: string }>(file);
      if (rec && !openScopes.has(name.replace(/\.json$/, "")) && now - Date.parse(rec.updatedAt) > olderThanMs) {
        fs.rmSync(file, { force: true });
      }
    }
    for (const sub of ["intents", "owners", "locks"]) {
      const dir = path.join(this.root, sub);
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        const stale = now - fs.statSync(file).mtimeMs > 3600_000;
        if (name.includes(".tmp") && stale) fs.rmSync(file, { force: true });
        else if (sub === "owners" && stale) fs.rmSync(file, { force: true });
      }
    }
    this.durationCache = undefined;
    return { removed, kept, bytesBefore: before, bytesAfter: this.bytes() };
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
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
    if (!KEY.test(key)) throw new LedgerError(`not a ledger key: ${JSON.stringify(key)}`);
    return path.join(this.root, "intents", `${key}.json`);
  }

  /** Writes this runner's liveness record, and keeps it fresh while the process lives. */
  private beat(): void {
    const file = path.join(this.root, "owners", `${safeName(this.runner.id)}.json`);
    const write = () => this.writeAtomic(file, { ...this.self, heartbeatAt: new Date().toISOString() });
    if (!this.heartbeat) {
      write();
      this.heartbeat = setInterval(() => {
        try {
          write();
        } catch {
          // A missed heartbeat only matters to runners on other hosts, after REMOTE_OWNER_TTL_MS.
        }
      }, HEARTBEAT_EVERY_MS);
      this.heartbeat.unref();
      // A process that is gone holds no claims: its record goes with it (a SIGKILL leaves it; the pid check
      // then tells other runners on this host that it is dead).
      this.onExit = () => fs.rmSync(file, { force: true });
      process.once("exit", this.onExit);
    }
  }

  private cacheDuration(i: Intent): void {
    const o = i.outcome;
    if (!this.durationCache || !o?.profile || o.durationMs === undefined || o.failed) return;
    const list = this.durationCache.get(o.profile) ?? [];
    list.push({ at: i.finishedAt ?? i.updatedAt, ms: o.durationMs });
    this.durationCache.set(o.profile, list);
  }

  private write(key: string, intent: Intent): Intent {
    this.writeAtomic(this.intentFile(key), intent);
    if (intent.outcome) this.cacheDuration(intent);
    return intent;
  }

  /** Reads a JSON file: undefined when absent; LedgerError when unreadable or not what it should be. */
  private readJson<T>(
    file: string,
    valid: (v: unknown) => boolean = (v) => v !== null && typeof v === "object",
  ): T | undefined {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw unreadable(file, (err as Error).message, err);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw unreadable(file, `not valid JSON (${(err as Error).message})`, err);
    }
    if (!valid(value)) throw unreadable(file, "not a ledger record of the expected shape");
    return value as T;
  }

  /** Temp file, fsync, rename over the target, fsync of the directory. */
  private writeAtomic(file: string, value: unknown): void {
    this.guard(`cannot write ${file}`, () => {
      const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
      writeDurably(tmp, JSON.stringify(value));
      fs.renameSync(tmp, file);
      fsyncDir(path.dirname(file));
    });
  }

  /** Creates `file` with `value` only if it does not exist. Returns false when it already existed. */
  private createExclusive(file: string, value: unknown): boolean {
    return this.guard(`cannot write ${file}`, () => {
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

  /** Runs a read-modify-write under an exclusive lock file; a lock left by a dead runner is broken. */
  private withLock<T>(name: string, fn: () => T): T {
    const lock = path.join(this.root, "locks", `${safeName(name)}.lock`);
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const mine = { runner: this.runner.id, host: os.hostname(), pid: process.pid, at: new Date().toISOString() };
      if (this.createExclusive(lock, mine)) break;
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
      else sleepSync(10);
    }
    try {
      return fn();
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }

  private guard<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof LedgerError) throw err;
      throw new LedgerError(`${what}: ${(err as Error).message}`, { cause: err });
    }
  }
}

function unreadable(file: string, why: string, cause?: unknown): LedgerError {
  return new LedgerError(
    `ledger entry ${file} is unreadable (${why}); nothing was submitted. Check the job it names with ` +
      "`npx pulumi-aigc ledger show`, then repair the file or move it aside",
    { cause },
  );
}

function isIntent(v: unknown, key: string): boolean {
  const i = v as Partial<Intent> | null;
  return (
    i !== null &&
    typeof i === "object" &&
    i.key === key &&
    typeof i.scope === "string" &&
    typeof i.kind === "string" &&
    typeof i.state === "string" &&
    typeof i.epoch === "number"
  );
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, "_");

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

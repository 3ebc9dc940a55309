// One deployment (`pulumi up`, `preview`, `destroy`, `import`), seen from several provider processes. The engine
// starts one process per provider instance (every explicit `aigc` provider is a plugin process of its own) and one
// dynamic-provider host, all children of the pulumi CLI process (`pulumi-resource-aigc` and
// `pulumi-resource-pulumi-nodejs` exec node). What one process notes in memory (../in-state.ts, the scopes of
// ../resource-scope.ts) the others cannot see. The deployment id names the CLI process: its pid and its start time
// (/proc/<ppid>/stat, so a recycled pid is another deployment), and a directory of this machine keyed by it holds
// what the processes of that deployment share: which resource declared each scope, which jobs a create resumed.
// They all run on this machine, so the directory is as shared as they are; a deployment whose CLI process is gone
// is removed by the next one.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { processAlive, processStartTicks } from "./ledger/runner";

/** A process's command name and parent pid (/proc/<pid>/stat fields 2 and 4), or undefined. */
function procStat(pid: number): { comm: string; ppid: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return { comm, ppid };
  } catch {
    return undefined;
  }
}

const SHELLS = new Set(["sh", "dash", "bash", "ash", "busybox"]);

/**
 * The process that runs this deployment: the nearest ancestor named `pulumi` (the CLI; the dynamic host's
 * wrapper `pulumi-resource-pulumi-nodejs` runs node as a child of its shell, without exec), else the nearest
 * ancestor that is not a shell (a test that starts plugin processes itself).
 */
function deploymentPid(): number {
  let fallback: number | undefined;
  for (let pid = process.ppid, i = 0; pid > 1 && i < 8; i++) {
    const st = procStat(pid);
    if (!st) break;
    if (st.comm === "pulumi") return pid;
    if (fallback === undefined && !SHELLS.has(st.comm)) fallback = pid;
    pid = st.ppid;
  }
  return fallback ?? process.ppid;
}

/** The deployment this process serves: its CLI process as `<pid>-<start ticks>`; undefined off Linux. */
export function deploymentId(): string | undefined {
  if (cachedId !== null) return cachedId;
  const pid = deploymentPid();
  const ticks = processStartTicks(pid);
  cachedId = ticks === undefined ? undefined : `${pid}-${ticks}`;
  return cachedId;
}

let cachedId: string | undefined | null = null;

function baseDir(): string {
  const uid = typeof process.getuid === "function" ? process.getuid() : 0;
  return process.env.PULUMI_AIGC_DEPLOYMENTS_DIR || path.join(os.tmpdir(), `pulumi-aigc-deployments-${uid}`);
}

let swept = false;

/** Removes the directories of deployments whose CLI process is gone (once per process). Never throws. */
function sweep(base: string): void {
  if (swept) return;
  swept = true;
  for (const name of fs.readdirSync(base, { withFileTypes: true })) {
    const m = /^(\d+)-(\d+)$/.exec(name.name);
    if (!name.isDirectory() || !m || processAlive(Number(m[1]), m[2])) continue;
    fs.rmSync(path.join(base, name.name), { recursive: true, force: true });
  }
}

/** The directory of this deployment's `area` (created), or undefined when there is no deployment id. */
function areaDir(area: string): string | undefined {
  const id = deploymentId();
  if (!id) return undefined;
  const base = baseDir();
  const dir = path.join(base, id, area);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    sweep(base);
  } catch {
    // A sweep is housekeeping: another process may be removing the same directory.
  }
  return dir;
}

const fileOf = (dir: string, name: string) => path.join(dir, createHash("sha256").update(name).digest("hex"));

// Each record names the process that wrote it. A record whose writer is gone is ignored where `live` is asked
// for: one CLI process may run several updates (`pulumi watch`), and the engine closes an update's provider
// processes when it ends, so what an earlier update noted (a resumed job, a scope, a submission) is not this one's.
let me: string | undefined;
const writer = () => {
  me ??= `${process.pid}-${processStartTicks(process.pid) ?? ""}`;
  return me;
};
interface Note {
  readonly writer: string;
  readonly value: string;
}
function readRecord(file: string): Note | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Note;
  } catch {
    return undefined;
  }
}
function alive(r: Note | undefined): boolean {
  const m = /^(\d+)-(\d*)$/.exec(r?.writer ?? "");
  return !!m && processAlive(Number(m[1]), m[2] || undefined);
}
const recordText = (value: string) => JSON.stringify({ writer: writer(), value });

/**
 * Records that `who` declares `name` in this deployment's `area`, atomically, and returns who declared it first:
 * `who` itself, or another (with `live`, only a declaration whose writer still runs counts). Undefined when there
 * is no deployment to share (the caller's own rule applies).
 */
export function declareInDeployment(area: string, name: string, who: string, live = false): string | undefined {
  const dir = areaDir(area);
  if (!dir) return undefined;
  const file = fileOf(dir, name);
  for (let i = 0; i < 5; i++) {
    try {
      fs.writeFileSync(file, recordText(who), { flag: "wx", mode: 0o600 });
      return who;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const first = readRecord(file);
    if (first && (!live || alive(first))) return first.value;
    fs.rmSync(file, { force: true }); // an earlier update's (or a torn write): this declaration replaces it
  }
  return who;
}

/** Whether a process of this deployment that still runs declared `name` in `area`. Never throws. */
export function declaredInDeployment(area: string, name: string): boolean {
  try {
    const dir = areaDir(area);
    return dir !== undefined && alive(readRecord(fileOf(dir, name)));
  } catch {
    return false;
  }
}

/** Removes `names` from this deployment's `area` (a test modelling a new deployment in one process). Never throws. */
export function forgetInDeployment(area: string, names: Iterable<string>): void {
  try {
    const dir = areaDir(area);
    if (dir) for (const name of names) fs.rmSync(fileOf(dir, name), { force: true });
  } catch {
    // Nothing to forget.
  }
}

/** The values of the records of this deployment's `area` whose writers still run. Never throws. */
export function recordsInDeployment(area: string): string[] {
  try {
    const dir = areaDir(area);
    if (!dir) return [];
    const records = fs.readdirSync(dir).map((f) => readRecord(path.join(dir, f)));
    return records.filter((r): r is Note => alive(r)).map((r) => r.value);
  } catch {
    return [];
  }
}

/** What this process has read of an area's slot files (each complete when it appears, never rewritten). */
interface SlotView {
  readonly seen: Set<string>;
  /** The highest slot number seen: the next slot is taken above it, never in a gap a deleted file left. */
  max: number;
  readonly byWriter: Map<string, number>;
}
const slotViews = new Map<string, SlotView>();
const SLOT_NAME = /^\d+$/;

/**
 * Lists `dir` (names only) and reads the slot files not seen before, counting them by writer. A file that cannot
 * be read (put there by hand) counts as not live, as it always did; a deleted file keeps its count (the safe side).
 */
function catchUp(dir: string): SlotView {
  const view = slotViews.get(dir) ?? { seen: new Set<string>(), max: 0, byWriter: new Map<string, number>() };
  slotViews.set(dir, view);
  for (const name of fs.readdirSync(dir)) {
    if (!SLOT_NAME.test(name) || view.seen.has(name)) continue;
    view.seen.add(name);
    view.max = Math.max(view.max, Number(name));
    const w = readRecord(path.join(dir, name))?.writer ?? "";
    view.byWriter.set(w, (view.byWriter.get(w) ?? 0) + 1);
  }
  return view;
}

/**
 * Creates slot file `n` complete or not at all: written aside, then linked under its number (EEXIST when another
 * process took it first). A taker killed mid-write leaves only its aside file, which no count reads.
 * @returns false when the number was taken.
 */
function createSlot(dir: string, n: number): boolean {
  const aside = path.join(dir, `.${writer()}-${n}`);
  fs.writeFileSync(aside, recordText("slot"), { mode: 0o600 });
  try {
    fs.linkSync(aside, path.join(dir, String(n)));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/**
 * Takes one of at most `limit` slots of this deployment's `area` held by processes that still run, atomically
 * across its processes (two takers compete for one file name, above every slot ever seen): how many live slots
 * are taken with this one, or 0 when `limit` are. Undefined when there is no deployment to share.
 * Each call lists the directory but reads only the slots taken since the last (a batch of 1,000 items takes
 * 1,000: reading them all each time held the event loop for 25 s before its first submission), and checks each
 * writer's liveness once.
 */
export function takeSlotInDeployment(area: string, limit: number): number | undefined {
  const dir = areaDir(area);
  if (!dir) return undefined;
  for (;;) {
    const view = catchUp(dir);
    let live = 0;
    for (const [w, n] of view.byWriter) if (alive({ writer: w, value: "" })) live += n;
    if (live >= limit) return 0;
    const n = view.max + 1;
    if (!createSlot(dir, n)) continue;
    view.seen.add(String(n));
    view.max = n;
    view.byWriter.set(writer(), (view.byWriter.get(writer()) ?? 0) + 1);
    return live + 1;
  }
}

// Whether this process serves a deployment for the engine (the plugin, or the dynamic-provider host), rather
// than running the runtime inside another program (a test, the Automation API's own process).
let serving = false;

/** Marks this process as one the engine started to serve its deployment's resources. */
export function serveDeployment(): void {
  serving = true;
}

/** Whether this process serves a deployment: the plugin's, or the dynamic-provider host (its script's name). */
export function servesDeployment(): boolean {
  return serving || /[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(process.argv[1] ?? "");
}

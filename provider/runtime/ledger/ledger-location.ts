// Where the submission ledger is: `aigc:ledger` when set, else where the stack's state is (a `file://` backend's
// directory, a `postgres://` backend's database), else a directory only this machine sees. The ledger must be
// seen by every runner that can see the state: a runner that resumes a killed update with another ledger pays
// for every job again (issue 19, item 1).
import * as path from "node:path";
import { LedgerError } from "./ledger";
import { fileBackendDir, pulumiHome, resolveStateBackend, type StateBackend } from "./state-backend";

/** Where the ledger is: a directory, or a PostgreSQL connection string. */
export type LedgerLocation = (
  | { readonly type: "file"; readonly dir: string }
  | { readonly type: "postgres"; readonly url: string }
) & {
  /** 0.1 submission-journal directories to import on open. */
  readonly journals: readonly string[];
  /** Why the ledger is here, in one line (for the operator CLI and for messages). */
  readonly why: string;
  /** Only this machine can see it: another runner of the same stack would not find its intents. */
  readonly machineLocal: boolean;
  /** The user chose this place (`aigc:ledger`, `aigc:journalDir`): a pipeline may run on it. */
  readonly explicit: boolean;
  /** The state backend, when the location was derived from it (or refused because of it). */
  readonly backend?: StateBackend;
};

/** The settings a ledger location is read from (stack config or environment, already resolved). */
export interface LedgerSettings {
  /** `aigc:ledger` / `PULUMI_AIGC_LEDGER`: `file:///dir`, `postgres://…` or `local`. */
  readonly ledger?: string | undefined;
  /** `aigc:journalDir` / `PULUMI_AIGC_JOURNAL_DIR`: the 0.1 setting, an alias of `file://<dir>`. */
  readonly journalDir?: string | undefined;
}

/** The value of `aigc:ledger` that accepts the machine-local ledger explicitly. */
export const LOCAL_LEDGER = "local";

/**
 * The ledger's directory inside a `file://` state backend. The CLI keeps everything of its own under `.pulumi/`
 * (meta.yaml, stacks/, locks/, history/, backups/) and may reorganize it (`pulumi state upgrade`); a sibling it
 * never lists or moves keeps the ledger out of its way.
 */
export const BACKEND_LEDGER_DIR = path.join(".pulumi-aigc", "ledger");

/** `$PULUMI_HOME/pulumi-aigc` (`~/.pulumi/pulumi-aigc` by default). */
export function pulumiAigcHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(pulumiHome(env), "pulumi-aigc");
}

/** The machine-local ledger directory (the default for every backend before the ledger followed the state). */
export function machineLocalLedgerDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(pulumiAigcHome(env), "ledger");
}

/** A `postgres://` backend URL as a ledger URL: without `table=` (the backend's own parameter, not libpq's). */
export function postgresBackendLedgerUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const kept = url
    .slice(q + 1)
    .split("&")
    .filter((p) => p !== "" && !/^table=/i.test(p));
  return kept.length > 0 ? `${url.slice(0, q)}?${kept.join("&")}` : url.slice(0, q);
}

/**
 * Resolves the ledger location: `aigc:ledger` (a URL, or `local`), else `aigc:journalDir` (alias), else the
 * stack's state backend (`file://` → `<dir>/.pulumi-aigc/ledger`, `postgres://` → the same database), else the
 * machine-local `$PULUMI_HOME/pulumi-aigc/ledger`.
 * @throws LedgerError for a URL that is neither `file://` nor `postgres(ql)://` nor `local`.
 */
export function ledgerLocation(
  s: LedgerSettings,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): LedgerLocation {
  const v = s.ledger?.trim();
  const journalDir = s.journalDir?.trim() ? path.resolve(cwd, s.journalDir.trim()) : undefined;
  const home = pulumiAigcHome(env);
  const local = { type: "file" as const, dir: machineLocalLedgerDir(env), machineLocal: true };
  if (v) {
    // An explicit ledger imports only the journal the config names: never another machine-wide directory.
    const journals = journalDir ? [journalDir] : [];
    const why = "aigc:ledger (or PULUMI_AIGC_LEDGER) is set";
    if (v.toLowerCase() === LOCAL_LEDGER) {
      return {
        ...local,
        journals: [path.join(home, "submissions"), ...journals],
        why: `${why} to local`,
        explicit: true,
      };
    }
    if (/^postgres(ql)?:\/\//i.test(v))
      return { type: "postgres", url: v, journals, why, machineLocal: false, explicit: true };
    if (/^file:\/\//i.test(v)) {
      return { type: "file", dir: fileBackendDir(v, cwd), journals, why, machineLocal: false, explicit: true };
    }
    throw new LedgerError(
      `aigc:ledger must be file:///<directory>, postgres://<user>@<host>:<port>/<database> or local ` +
        `(got ${redactUrl(v)})`,
    );
  }
  if (journalDir) {
    const why = "aigc:journalDir (or PULUMI_AIGC_JOURNAL_DIR) is set";
    return { type: "file", dir: journalDir, journals: [journalDir], why, machineLocal: false, explicit: true };
  }
  const journals = [path.join(home, "submissions")];
  const backend = resolveStateBackend(env, cwd);
  const from = `the stack's state backend ${redactUrl(backend.url)} (from ${backend.source})`;
  if (backend.kind === "file") {
    const dir = path.join(backend.dir!, BACKEND_LEDGER_DIR);
    return { type: "file", dir, journals, why: `beside ${from}`, machineLocal: false, explicit: false, backend };
  }
  if (backend.kind === "postgres") {
    const url = postgresBackendLedgerUrl(backend.url);
    return { type: "postgres", url, journals, why: `in ${from}`, machineLocal: false, explicit: false, backend };
  }
  const why = `machine-local: ${from} cannot hold a ledger, and aigc:ledger is not set`;
  return { ...local, journals, why, explicit: false, backend };
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

/** Where a location is, for messages (a directory, or a URL without its password). */
export function describeLocation(loc: LedgerLocation): string {
  return loc.type === "file" ? loc.dir : redactUrl(loc.url);
}

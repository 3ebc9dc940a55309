// `npx pulumi-aigc ledger ls|show|gc`: what an operator reads after a killed pipeline. It opens the same ledger
// the provider uses for the selected stack (cli-ledger-location.ts) and says which one on stderr,
// lists intents in flight and recent ones per stack, shows one in full, and collects old tombstones.
import { parseArgs } from "node:util";
import { checkGcAge, MIN_GC_AGE_MS, parseAge } from "../runtime/ledger/gc-ages";
import { type Intent, type Ledger, OPEN_STATES, TOMBSTONE_RETENTION_MS } from "../runtime/ledger/ledger";
import { describeLocation } from "../runtime/ledger/ledger-location";
import { openLedgerAt } from "../runtime/ledger/open-ledger";
import { previousLedgerInUse } from "../runtime/ledger/previous-ledger";
import { cliLedgerLocation } from "./cli-ledger-location";
import { DEAD_OWNER_WAY_OUT, ownerText } from "./ledger-owner";
import { show } from "./ledger-show";

export { parseAge } from "../runtime/ledger/gc-ages";

export const LEDGER_USAGE = `usage: pulumi-aigc ledger <command> [options]

  ls [--stack PROJECT/STACK] [--all]   intents in flight, and those that ended in the last day (--all: every one)
  show <key | job id | scope | URN | resource name>
                                       one intent in full (every intent holding that id or of that scope)
  gc [--older-than 30d] [--dry-run] [--force]
                                       remove released and void tombstones older than the age (default 30d).
                                       Ages need a unit (30d, 12h, 90m). Ages under ${MIN_GC_AGE_MS / 86_400_000}d
                                       (the longest vendor dedup window and a margin) need --force; epochs are
                                       kept either way

  --ledger URL       file:///directory, postgres://user@host:port/db or local (default: the one the provider
                     uses for the stack selected here: aigc:ledger of Pulumi.<stack>.yaml, else
                     PULUMI_AIGC_LEDGER, else aigc:journalDir, else beside the state backend's data
                     (file://, postgres://), else $PULUMI_HOME/pulumi-aigc/ledger); a password is best given
                     in PGPASSWORD
  --json             machine-readable output`;

/** What a command prints and its exit code. */
export interface CommandResult {
  readonly out: string;
  readonly code: number;
}

function age(iso: string | undefined, now: number): string {
  const t = Date.parse(iso ?? "");
  if (!Number.isFinite(t)) return "-";
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** Whether the job ended, and how: the outcome's status and when, or `-` while it runs. */
function ended(i: Intent, now: number): string {
  if (!i.finishedAt) return "-";
  return `${i.outcome?.status ?? "ended"} ${age(i.finishedAt, now)} ago`;
}

async function ls(ledger: Ledger, stack: string | undefined, all: boolean, json: boolean): Promise<CommandResult> {
  const now = Date.now();
  const scan = await ledger.scan(stack ? { scopePrefix: `${stack.replace(/\/$/, "")}/` } : {});
  const intents = scan.intents.filter(
    (i) => all || OPEN_STATES.includes(i.state) || now - Date.parse(i.updatedAt) < 86_400_000,
  );
  // An entry that cannot be read is listed as such: the rest stays usable, and the entry is the operator's.
  const bad = scan.unreadable.map(
    (u) => `UNREADABLE ${u.key}: ${u.why}. \`ledger show ${u.key}\` prints what of it is readable`,
  );
  if (json) {
    // An array of intents, as before; an entry that cannot be read is one more element, in state "unreadable".
    const unreadable = scan.unreadable.map((u) => ({
      key: u.key,
      state: "unreadable",
      why: u.why,
      readable: u.readable,
    }));
    return { out: JSON.stringify([...intents, ...unreadable], null, 2), code: 0 };
  }
  if (intents.length === 0) {
    const none = `no intents${stack ? ` for ${stack}` : ""} in ${ledger.location}`;
    return { out: [none, ...bad].join("\n"), code: 0 };
  }
  const rows = [["SCOPE", "STATE", "AGE", "JOB ID", "ATTEMPTS", "AMBIGUOUS", "OWNER", "ENDED", "KEY"]];
  let dead = 0;
  for (const i of intents) {
    const owner = await ownerText(ledger, i);
    if (owner.endsWith("(dead)") || owner === "dead") dead++;
    rows.push([
      i.scope,
      // An orphan (provider/runtime/orphans.ts): a paid job that no resource of any stack holds.
      // Not returned: its create has not handed it to the engine (still running, or killed: an orphan to be).
      i.holder?.startsWith("orphan:")
        ? `${i.state} (orphan)`
        : i.state === "submitted" && i.returned === false
          ? `${i.state} (not returned)`
          : i.state,
      age(i.updatedAt, now),
      i.jobId ?? "-",
      String(i.attempts),
      String(i.ambiguous),
      owner,
      ended(i, now),
      i.key,
    ]);
  }
  const open = intents.filter((i) => i.state === "claimed" || i.state === "ambiguous").length;
  const notes = [
    `${intents.length} intent(s) in ${ledger.location}; ${open} claimed or ambiguous`,
    ...(dead > 0 ? [`${dead} claim(s) ${DEAD_OWNER_WAY_OUT}`] : []),
    ...(bad.length > 0 ? [`${bad.length} entr${bad.length === 1 ? "y" : "ies"} cannot be read:`, ...bad] : []),
  ];
  return { out: `${table(rows)}\n\n${notes.join("\n")}`, code: 0 };
}

async function gc(
  ledger: Ledger,
  olderThan: string,
  opts: { dryRun: boolean; force: boolean; json: boolean },
): Promise<CommandResult> {
  const ms = parseAge(olderThan);
  if (opts.dryRun) {
    const now = Date.now();
    const old = (await ledger.scan({ states: ["released", "void"] })).intents.filter(
      (i) => now - Date.parse(i.releasedAt ?? i.updatedAt) > ms,
    );
    const out = opts.json ? JSON.stringify({ wouldRemove: old.length }) : `would remove ${old.length} tombstone(s)`;
    return { out, code: 0 };
  }
  try {
    checkGcAge(ms, olderThan, opts.force);
  } catch (err) {
    return { out: (err as Error).message, code: 2 };
  }
  const r = await ledger.gc(ms);
  if (opts.json) return { out: JSON.stringify(r), code: 0 };
  const skipped = (r.skipped ?? []).map(
    (u) => `skipped ${u.key}: it cannot be read (${u.why}); \`ledger show ${u.key}\` prints what of it is readable`,
  );
  return {
    out: [
      `removed ${r.removed} tombstone(s), kept ${r.kept}; ` +
        `${r.bytesBefore} → ${r.bytesAfter} bytes (${ledger.location})`,
      ...skipped,
    ].join("\n"),
    code: 0,
  };
}

/**
 * Runs `pulumi-aigc ledger …` with `argv` (after the word `ledger`); `onNote` gets one line saying which ledger
 * it read and why (stderr by default).
 * @throws Error for bad arguments; LedgerError when the ledger cannot be read.
 */
export async function ledgerCommand(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  onNote: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ledger: { type: "string" },
      stack: { type: "string" },
      all: { type: "boolean" },
      json: { type: "boolean" },
      "older-than": { type: "string" },
      "dry-run": { type: "boolean" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, arg] = positionals;
  if (values.help || !command) return { out: LEDGER_USAGE, code: command ? 0 : 2 };
  const resolved = cliLedgerLocation(values.ledger, env, cwd);
  const previous = values.ledger
    ? undefined
    : await previousLedgerInUse(resolved.location, env, resolved.project ? `${resolved.project}/` : "");
  const loc = previous?.location ?? resolved.location;
  const note = `pulumi-aigc: ledger ${describeLocation(loc)} (${previous ? loc.why : resolved.why})`;
  onNote(note);
  const ledger = await openLedgerAt(loc);
  try {
    const json = values.json === true;
    switch (command) {
      case "ls":
        return await ls(ledger, values.stack, values.all === true, json);
      case "show":
        if (!arg) return { out: "ledger show needs a key, a job id, a scope, a URN or a resource name", code: 2 };
        return await show(ledger, arg, json);
      case "gc":
        return await gc(ledger, values["older-than"] ?? `${TOMBSTONE_RETENTION_MS / 86_400_000}d`, {
          dryRun: values["dry-run"] === true,
          force: values.force === true,
          json,
        });
      default:
        return { out: `unknown ledger command ${JSON.stringify(command)}\n\n${LEDGER_USAGE}`, code: 2 };
    }
  } finally {
    await ledger.close();
  }
}

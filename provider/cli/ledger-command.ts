// `npx pulumi-aigc ledger ls|show|gc`: what an operator reads after a killed pipeline. It opens the same ledger
// the provider uses for the selected stack (cli-ledger-location.ts) and says which one on stderr,
// lists intents in flight and recent ones per stack, shows one in full, and collects old tombstones.
import { parseArgs } from "node:util";
import { type Intent, type Ledger, OPEN_STATES, TOMBSTONE_RETENTION_MS } from "../runtime/ledger/ledger";
import { describeLocation } from "../runtime/ledger/ledger-location";
import { openLedgerAt } from "../runtime/ledger/open-ledger";
import { previousLedgerInUse } from "../runtime/ledger/previous-ledger";
import { cliLedgerLocation } from "./cli-ledger-location";

export const LEDGER_USAGE = `usage: pulumi-aigc ledger <command> [options]

  ls [--stack PROJECT/STACK] [--all]   intents in flight, and those that ended in the last day (--all: every one)
  show <key | job id | scope>          one intent in full (every intent holding that id or of that scope)
  gc [--older-than 30d] [--dry-run]    remove released and void tombstones older than the age (default 30d)

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

/** "30d", "12h", "90m", "45s" (or plain milliseconds) to milliseconds. */
export function parseAge(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new Error(`not an age: ${JSON.stringify(text)} (use e.g. 30d, 12h, 90m)`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? "ms"]!;
  return Number(m[1]) * unit;
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

async function owner(ledger: Ledger, i: Intent): Promise<string> {
  if (!i.owner) return "-";
  const { status, info } = await ledger.ownerStatus(i);
  return info ? `${info.host}:${info.pid} (${status})` : status;
}

async function ls(ledger: Ledger, stack: string | undefined, all: boolean, json: boolean): Promise<CommandResult> {
  const now = Date.now();
  const intents = (await ledger.list(stack ? { scopePrefix: `${stack.replace(/\/$/, "")}/` } : {})).filter(
    (i) => all || OPEN_STATES.includes(i.state) || now - Date.parse(i.updatedAt) < 86_400_000,
  );
  if (json) return { out: JSON.stringify(intents, null, 2), code: 0 };
  if (intents.length === 0) return { out: `no intents${stack ? ` for ${stack}` : ""} in ${ledger.location}`, code: 0 };
  const rows = [["SCOPE", "STATE", "AGE", "JOB ID", "ATTEMPTS", "AMBIGUOUS", "OWNER", "KEY"]];
  for (const i of intents) {
    rows.push([
      i.scope,
      i.state,
      age(i.updatedAt, now),
      i.jobId ?? "-",
      String(i.attempts),
      String(i.ambiguous),
      await owner(ledger, i),
      i.key,
    ]);
  }
  const open = intents.filter((i) => i.state === "claimed" || i.state === "ambiguous").length;
  return {
    out: `${table(rows)}\n\n${intents.length} intent(s) in ${ledger.location}; ${open} claimed or ambiguous`,
    code: 0,
  };
}

async function show(ledger: Ledger, what: string, json: boolean): Promise<CommandResult> {
  const byKey = await ledger.get(what).catch(() => undefined);
  const found = byKey
    ? [byKey]
    : [
        ...(await ledger.list({ holding: what })),
        ...(await ledger.list({ scopePrefix: what })).filter((i) => i.scope === what || i.scope.startsWith(`${what}/`)),
      ];
  const unique = [...new Map(found.map((i) => [i.key, i])).values()];
  if (unique.length === 0)
    return { out: `nothing in ${ledger.location} has the key, job id or scope ${what}`, code: 1 };
  if (json) return { out: JSON.stringify(unique, null, 2), code: 0 };
  const blocks: string[] = [];
  for (const i of unique) {
    const lines: Array<[string, string]> = [
      ["key", i.key],
      ["scope", i.scope],
      ["kind", i.kind],
      ["state", i.state],
      ["job id", i.jobId ?? "-"],
      ["holds", i.heldIds?.join(", ") || "-"],
      ["epoch", String(i.epoch)],
      ["attempts", `${i.attempts} sent, ${i.ambiguous} ambiguous`],
      ["owner", await owner(ledger, i)],
      ["placement", i.placement ? JSON.stringify(i.placement) : "-"],
      ["created", i.createdAt],
      ["submitted", i.submittedAt ?? "-"],
      ["finished", i.finishedAt ? `${i.finishedAt} (${i.outcome?.status ?? "?"})` : "-"],
      ["released", i.releasedAt ?? "-"],
    ];
    if (i.legacy) lines.push(["imported", "from a pulumi-aigc 0.1 journal"]);
    blocks.push(lines.map(([k, v]) => `${k.padEnd(10)} ${v}`).join("\n"));
  }
  return { out: blocks.join("\n\n"), code: 0 };
}

async function gc(ledger: Ledger, olderThan: string, dryRun: boolean, json: boolean): Promise<CommandResult> {
  const ms = parseAge(olderThan);
  if (dryRun) {
    const now = Date.now();
    const old = (await ledger.list({ states: ["released", "void"] })).filter(
      (i) => now - Date.parse(i.releasedAt ?? i.updatedAt) > ms,
    );
    const out = json ? JSON.stringify({ wouldRemove: old.length }) : `would remove ${old.length} tombstone(s)`;
    return { out, code: 0 };
  }
  const r = await ledger.gc(ms);
  if (json) return { out: JSON.stringify(r), code: 0 };
  return {
    out:
      `removed ${r.removed} tombstone(s), kept ${r.kept}; ` +
      `${r.bytesBefore} → ${r.bytesAfter} bytes (${ledger.location})`,
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
        if (!arg) return { out: "ledger show needs a key, a job id or a scope", code: 2 };
        return await show(ledger, arg, json);
      case "gc":
        return await gc(
          ledger,
          values["older-than"] ?? `${TOMBSTONE_RETENTION_MS / 86_400_000}d`,
          values["dry-run"] === true,
          json,
        );
      default:
        return { out: `unknown ledger command ${JSON.stringify(command)}\n\n${LEDGER_USAGE}`, code: 2 };
    }
  } finally {
    await ledger.close();
  }
}

// `pulumi-aigc ledger show <what>`: one intent in full, found by key, vendor job id, scope, resource URN or
// resource name. An entry the ledger cannot read is shown as far as it can be read, with what is wrong.
import type { Intent, Ledger, UnreadableEntry } from "../runtime/ledger/ledger";
import type { CommandResult } from "./ledger-command";
import { ownerText } from "./ledger-owner";

/**
 * The scope a resource URN names by default (`<project>/<stack>/<kind>/<name>`, as job-resource.ts's
 * defaultScope builds it), or undefined when `what` is not a URN of a pulumi-aigc job resource.
 */
export function scopeOfUrn(what: string): string | undefined {
  // urn:pulumi:<stack>::<project>::<parent type$…$type>::<name>; a name may itself hold "::".
  const m = /^urn:pulumi:([^:]+)::([^:]+)::([^:]+(?::[^:]+)*)::(.+)$/.exec(what.trim());
  if (!m) return undefined;
  const [, stack, project, types, name] = m;
  const type = types!.split("$").pop()!;
  const kind = /^pulumi-nodejs:dynamic\/(.+)$/.exec(type)?.[1];
  return kind ? `${project}/${stack}/${kind}/${name}` : undefined;
}

/** Every intent `what` names: key, held vendor id, scope (or its prefix), URN, or the resource's name. */
async function find(ledger: Ledger, what: string): Promise<{ found: Intent[]; unreadable: UnreadableEntry[] }> {
  const all = await ledger.scan();
  const urnScope = scopeOfUrn(what);
  const matches = (i: Intent) =>
    i.key === what ||
    i.jobId === what ||
    i.heldIds?.includes(what) ||
    i.scope === what ||
    i.scope.startsWith(`${what}/`) ||
    (urnScope !== undefined && i.scope === urnScope) ||
    i.scope.slice(i.scope.lastIndexOf("/") + 1) === what;
  const readableMatches = (u: UnreadableEntry) => {
    if (u.key === what) return true;
    const r = typeof u.readable === "object" ? u.readable : {};
    return [r.jobId, r.scope].includes(what) || (urnScope !== undefined && r.scope === urnScope);
  };
  return { found: all.intents.filter(matches), unreadable: all.unreadable.filter(readableMatches) };
}

async function block(ledger: Ledger, i: Intent): Promise<string> {
  const lines: Array<[string, string]> = [
    ["key", i.key],
    ["scope", i.scope],
    ["kind", i.kind],
    ["state", i.state],
    ["job id", i.jobId ?? "-"],
    ["holds", i.heldIds?.join(", ") || "-"],
    ["epoch", String(i.epoch)],
    ["attempts", `${i.attempts} sent, ${i.ambiguous} ambiguous`],
    ["owner", await ownerText(ledger, i)],
    ["placement", i.placement ? JSON.stringify(i.placement) : "-"],
    ["created", i.createdAt],
    ["submitted", i.submittedAt ?? "-"],
    ["finished", i.finishedAt ? `${i.finishedAt} (${i.outcome?.status ?? "?"})` : "-"],
    ["released", i.releasedAt ?? "-"],
  ];
  if (i.holder) lines.splice(2, 0, ["holder", i.holder]);
  if (i.legacy) lines.push(["imported", "from a pulumi-aigc 0.1 journal"]);
  return lines.map(([k, v]) => `${k.padEnd(10)} ${v}`).join("\n");
}

function unreadableBlock(u: UnreadableEntry): string {
  const lines = [`${"key".padEnd(10)} ${u.key}`, `${"UNREADABLE".padEnd(10)} ${u.why}`];
  if (typeof u.readable === "string") lines.push(`${"text".padEnd(10)} ${u.readable}`);
  else for (const [k, v] of Object.entries(u.readable ?? {})) lines.push(`${k.padEnd(10)} ${JSON.stringify(v)}`);
  lines.push("(the provider stops on this entry; repair it or move it aside once its job is checked)");
  return lines.join("\n");
}

/**
 * Prints every intent `what` names, readable or not.
 * @throws LedgerError when the ledger itself cannot be read.
 */
export async function show(ledger: Ledger, what: string, json: boolean): Promise<CommandResult> {
  const { found, unreadable } = await find(ledger, what);
  if (found.length === 0 && unreadable.length === 0) {
    return {
      out: `nothing in ${ledger.location} has the key, job id, scope, URN or resource name ${what}`,
      code: 1,
    };
  }
  if (json) return { out: JSON.stringify([...found, ...unreadable.map((u) => ({ unreadable: u }))], null, 2), code: 0 };
  const blocks: string[] = [];
  for (const i of found) blocks.push(await block(ledger, i));
  for (const u of unreadable) blocks.push(unreadableBlock(u));
  return { out: blocks.join("\n\n"), code: 0 };
}

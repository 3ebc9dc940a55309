// Upgrades from the versions whose default ledger was the machine-local `$PULUMI_HOME/pulumi-aigc/ledger`
// for every backend. Its intents are keyed by that ledger's id: the ledger beside the state has another id, so
// an update killed before the upgrade and resumed after it would find nothing there and pay again. While the old
// directory holds unfinished intents of this project, its stacks keep using it (same ledger, same keys: the jobs are
// resumed, as before the upgrade); once they are finished the stack moves to the ledger beside its state.
import * as fs from "node:fs";
import * as path from "node:path";
import { FileLedger } from "./file-ledger";
import type { Intent } from "./ledger";
import { type LedgerLocation, machineLocalLedgerDir } from "./ledger-location";

/**
 * Intents this old ledger still has to finish: claimed or ambiguous (a request may have left under its key), or
 * holding a job whose end was never noted (an update killed during the wait). Older ones than this are left:
 * each such scope is then reported by `ledger ls` in the old directory, and Tencent forgets a SessionId after
 * days anyway.
 */
export const UNFINISHED_WINDOW_MS = 30 * 24 * 3600_000;

/** An intent that a resumed update of its resource must find under its own key. */
export function isUnfinished(i: Intent, now = Date.now()): boolean {
  if (now - Date.parse(i.updatedAt) > UNFINISHED_WINDOW_MS) return false;
  if (i.state === "claimed" || i.state === "ambiguous") return true;
  return (i.state === "submitted" || i.state === "adopted") && !i.finishedAt;
}

/**
 * The scope prefix of this process's project (`project/`): the engine gives the dynamic provider
 * `PULUMI_NODEJS_PROJECT` (and no stack name, CLI 3.248). "" when unknown: then every scope counts.
 */
export function projectScopePrefix(env: NodeJS.ProcessEnv = process.env): string {
  const project = env.PULUMI_NODEJS_PROJECT || env.PULUMI_PROJECT;
  return project ? `${project}/` : "";
}

/**
 * The location to use instead of `loc`: the old machine-local ledger, when `loc` is a default that moved away
 * from it (not set by the user) and it holds unfinished intents of this project. Undefined otherwise.
 * @throws LedgerError when the old ledger exists but cannot be read (nothing is submitted then).
 */
export async function previousLedgerInUse(
  loc: LedgerLocation,
  env: NodeJS.ProcessEnv = process.env,
  prefix: string = projectScopePrefix(env),
): Promise<{ location: LedgerLocation; unfinished: number } | undefined> {
  if (loc.explicit || loc.machineLocal) return undefined;
  const dir = machineLocalLedgerDir(env);
  if (!fs.existsSync(path.join(dir, "ledger.json"))) return undefined;
  const old = FileLedger.open(dir);
  try {
    const unfinished = (await old.list(prefix ? { scopePrefix: prefix } : {})).filter((i) => isUnfinished(i)).length;
    if (unfinished === 0) return undefined;
    const why =
      `machine-local: it holds ${unfinished} unfinished intent(s) of this project from before the ledger moved ` +
      `${loc.type === "file" ? "beside" : "into"} the state backend; they are resumed here, and the stack moves ` +
      `to ${loc.type === "file" ? loc.dir : "the backend's database"} once they are finished`;
    return {
      location: { type: "file", dir, journals: loc.journals, why, machineLocal: true, explicit: false },
      unfinished,
    };
  } finally {
    await old.close();
  }
}

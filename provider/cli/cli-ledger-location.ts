// The ledger the operator command reads: the one the provider would use for the stack selected in the current
// project directory. The provider reads `aigc:ledger` (else PULUMI_AIGC_LEDGER), `aigc:journalDir` (else
// PULUMI_AIGC_JOURNAL_DIR), else the state backend; this reads the same, taking the stack config from the plain
// values of Pulumi.<stack>.yaml. A secret `aigc:ledger` cannot be read without the stack's secrets provider: the
// command says so and names the ways to pass it.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { LedgerError } from "../runtime/ledger/ledger";
import { type LedgerLocation, ledgerLocation } from "../runtime/ledger/ledger-location";
import { findProjectFile, pulumiHome, resolveStateBackend, yamlScalar } from "../runtime/ledger/state-backend";

/** The selected stack of a project and its settings file, as the CLI keeps them. */
export interface SelectedStack {
  readonly project: string;
  readonly stack: string;
  /** Pulumi.<stack>.yaml (beside the project file, or in its `stackConfigDir`). */
  readonly configFile: string;
}

/**
 * The stack `pulumi stack select` chose for the project at `projectFile`: the CLI keeps it in
 * `$PULUMI_HOME/workspaces/<project>-<sha1 of the project file's path>-workspace.json` (`stack`, or `stacks`
 * keyed by backend URL in newer CLIs), fully qualified (`organization/<project>/<stack>` on DIY backends).
 */
export function selectedStack(
  projectFile: string,
  env: NodeJS.ProcessEnv,
  backendUrl: string,
): SelectedStack | undefined {
  const text = fs.readFileSync(projectFile, "utf8");
  const project = topLevel(text, "name");
  if (!project) return undefined;
  const hash = createHash("sha1").update(projectFile).digest("hex");
  const file = path.join(pulumiHome(env), "workspaces", `${project}-${hash}-workspace.json`);
  let ws: { stack?: string; stacks?: Record<string, string> };
  try {
    ws = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
  const qualified = ws.stacks?.[backendUrl] ?? ws.stack;
  if (!qualified) return undefined;
  const stack = qualified.split("/").pop()!;
  const dir = topLevel(text, "stackConfigDir");
  const configFile = path.join(path.dirname(projectFile), dir ?? "", `Pulumi.${stack}.yaml`);
  return { project, stack, configFile };
}

/** A top-level scalar of a project file (`name: x` in YAML, or JSON). */
function topLevel(text: string, key: string): string | undefined {
  if (/^\s*\{/.test(text)) {
    try {
      const v = (JSON.parse(text) as Record<string, unknown>)[key];
      return typeof v === "string" ? v : undefined;
    } catch {
      return undefined;
    }
  }
  const m = new RegExp(`^${key}\\s*:\\s*(.+?)\\s*(#.*)?$`, "m").exec(text);
  return m ? m[1]!.replace(/^["']|["']$/g, "") : undefined;
}

/** A plain `aigc:` value of a stack settings file; throws for a secret one. */
function stackValue(configFile: string, key: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(configFile, "utf8");
  } catch {
    return undefined;
  }
  const secret = new RegExp(`^\\s+["']?${key}["']?\\s*:\\s*(\\{\\s*secure\\s*:|\\r?\\n\\s+secure\\s*:)`, "m");
  if (secret.test(text)) {
    throw new LedgerError(
      `${key} in ${configFile} is a secret, which this command cannot decrypt: pass it with --ledger, or ` +
        `PULUMI_AIGC_LEDGER="$(pulumi config get ${key})"`,
    );
  }
  return yamlScalar(text, ["config", key]);
}

/** The ledger the command reads, and why (one line). */
export interface CliLedger {
  readonly location: LedgerLocation;
  readonly why: string;
  /** The selected stack's project, when there is one (its scopes start with `<project>/`). */
  readonly project?: string;
}

/**
 * Resolves the ledger like the provider would for the selected stack: `--ledger`, else the stack's plain
 * `aigc:ledger`, else PULUMI_AIGC_LEDGER, else `aigc:journalDir` / PULUMI_AIGC_JOURNAL_DIR, else the backend.
 * @throws LedgerError for a secret `aigc:ledger` or a malformed URL.
 */
export function cliLedgerLocation(flag: string | undefined, env: NodeJS.ProcessEnv, cwd = process.cwd()): CliLedger {
  if (flag) return { location: ledgerLocation({ ledger: flag }, env, cwd), why: "--ledger" };
  const projectFile = findProjectFile(cwd);
  const stack = projectFile ? selectedStack(projectFile, env, resolveStateBackend(env, cwd).url) : undefined;
  const projectDir = projectFile ? path.dirname(projectFile) : cwd;
  const config = stack
    ? {
        ledger: stackValue(stack.configFile, "aigc:ledger"),
        journalDir: stackValue(stack.configFile, "aigc:journalDir"),
      }
    : {};
  const settings = {
    ledger: config.ledger ?? (env.PULUMI_AIGC_LEDGER || undefined),
    journalDir: config.journalDir ?? (env.PULUMI_AIGC_JOURNAL_DIR || undefined),
  };
  // The provider runs in the project's directory: relative settings resolve there.
  const location = ledgerLocation(settings, env, projectDir);
  const of = stack ? `stack ${stack.stack}` : "no selected stack";
  const why = config.ledger
    ? `aigc:ledger of ${of} (${stack!.configFile})`
    : settings.ledger
      ? `PULUMI_AIGC_LEDGER (${of})`
      : config.journalDir
        ? `aigc:journalDir of ${of}`
        : `${location.why} (${of})`;
  return { location, why, ...(stack ? { project: stack.project } : {}) };
}

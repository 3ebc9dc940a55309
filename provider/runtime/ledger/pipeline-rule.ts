// A pipeline never runs on a ledger only one machine can see without saying so: its runners are ephemeral, and
// the runner that resumes a killed update would find none of the intents and pay for every job again. The rule
// is applied by `check`, which the engine calls for every resource, in preview and in up, before anything else.
import {
  describeLocation,
  type LedgerLocation,
  type LedgerSettings,
  ledgerLocation,
  redactUrl,
} from "./ledger-location";

/** Whether this run is a pipeline: `CI` set (every CI system sets it) and not `false` or `0`. */
export function isPipeline(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI?.trim();
  return v !== undefined && v !== "" && !/^(false|0)$/i.test(v);
}

const WAYS_OUT =
  "Share the ledger: `pulumi config set aigc:ledger postgres://<user>@<host>:<port>/<database>` (password in " +
  "PGPASSWORD) or `file:///<directory every runner mounts>`, or keep the state in a file:// or postgres:// " +
  "backend (the ledger then lives beside it by default). Or accept the risk on this runner: " +
  "`pulumi config set aigc:ledger local` (or PULUMI_AIGC_LEDGER=local)";

/** The refusal for a pipeline on an implicit machine-local ledger, or undefined when the run may go on. */
export function pipelineRefusal(loc: LedgerLocation, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!loc.machineLocal || loc.explicit || !isPipeline(env)) return undefined;
  return (
    `pulumi-aigc: this pipeline (CI=${env.CI}) would keep its submission ledger on this machine only ` +
    `(${describeLocation(loc)}): ${backendText(loc)}. A runner that resumes a killed update elsewhere would ` +
    `find none of its intents and submit every paid job again, so nothing was submitted. ${WAYS_OUT}.`
  );
}

/** The workstation warning for the same situation (printed once per run), or undefined. */
export function machineLocalWarning(loc: LedgerLocation): string | undefined {
  if (!loc.machineLocal || loc.explicit) return undefined;
  return (
    `WARNING the submission ledger is machine-local (${describeLocation(loc)}): ${backendText(loc)}. Another ` +
    `machine or runner resuming this stack would not see what this one submitted and could pay again. ${WAYS_OUT}.`
  );
}

function backendText(loc: LedgerLocation): string {
  if (!loc.backend) return loc.why;
  return `the state backend ${redactUrl(loc.backend.url)} (from ${loc.backend.source}) cannot hold a ledger`;
}

/**
 * Applies the rule once per provider process: the first call that finds a refusal throws it in full, later
 * calls throw a one-line reference to it (every resource must fail, but one clear message beats a hundred
 * copies); the workstation warning is logged once.
 */
export class PipelineGate {
  private refused: string | undefined;
  private warned = false;
  /** The settings last passed: one process serves one stack, so the outcome is decided once per settings. */
  private passed: string | undefined;

  /**
   * @throws Error the refusal (CI and a machine-local ledger nobody chose), or a LedgerError for a bad
   *   `aigc:ledger`: the engine stops before any create.
   */
  check(settings: LedgerSettings, log: (message: string) => void, env: NodeJS.ProcessEnv = process.env): void {
    if (this.refused !== undefined) throw refusalError(this.refused);
    const key = JSON.stringify([settings.ledger, settings.journalDir]);
    if (this.passed === key) return;
    let loc: LedgerLocation;
    try {
      loc = ledgerLocation(settings, env);
    } catch (err) {
      this.refused = `pulumi-aigc: refused: ${(err as Error).message}`;
      throw err;
    }
    const refusal = pipelineRefusal(loc, env);
    if (refusal) {
      this.refused = "pulumi-aigc: refused: the pipeline's submission ledger would be machine-local (see above)";
      throw refusalError(refusal);
    }
    const warning = this.warned ? undefined : machineLocalWarning(loc);
    if (warning) {
      this.warned = true;
      log(warning);
    }
    this.passed = key;
  }
}

/** An error whose text is the whole story: the engine prints a check error's stack, and frames add nothing. */
function refusalError(message: string): Error {
  const err = new Error(message);
  err.stack = message;
  return err;
}

/** The gate of this provider process. */
export const pipelineGate = new PipelineGate();

import { ConfigurationError } from "../../sdk/core/errors";
import { deploymentCap, noteCap } from "./deployment-spend";
import { setting } from "./provider-config";

/** Submissions one update may send unless `aigc:maxSubmissionsPerUpdate` says otherwise. */
export const DEFAULT_MAX_SUBMISSIONS_PER_UPDATE = 100;

/** A submission was refused because this update already sent as many as the spend guard allows. */
export class SpendGuardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpendGuardError";
  }
}

/** `aigc:maxSubmissionsPerUpdate`, validated. */
export function maxSubmissionsPerUpdate(): number {
  const v = setting("maxSubmissionsPerUpdate");
  if (v === undefined) return DEFAULT_MAX_SUBMISSIONS_PER_UPDATE;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ConfigurationError(
      `aigc:maxSubmissionsPerUpdate must be a whole number of 0 or more (got ${JSON.stringify(v)})`,
    );
  }
  return n;
}

/**
 * Counts the paid submissions of one update and refuses the one beyond the cap, before it is sent. The engine
 * serves an update from several provider processes (each explicit instance of the plugin, the dynamic host):
 * their count is the deployment's (./deployment-spend.ts). Adopted jobs and resumed waits never reach it:
 * only a request that
 * may be billed is counted, resubmissions after an ambiguous failure included.
 */
export class SpendGuard {
  private sent = 0;
  private planned = 0;
  private warnedPlan = false;

  /** Submissions sent by this update so far. */
  get submitted(): number {
    return this.sent;
  }

  /**
   * Takes one submission from the budget.
   * @throws SpendGuardError when the cap is reached: nothing is sent for `what`.
   */
  charge(what: string): void {
    const shared = deploymentCap(maxSubmissionsPerUpdate());
    const cap = shared?.cap ?? maxSubmissionsPerUpdate();
    // Across the deployment's provider processes when it has them (./deployment-spend.ts), else this process's.
    const slot = shared ? shared.take() : this.sent < cap ? this.sent + 1 : 0;
    if (slot === 0) {
      throw new SpendGuardError(
        `spend guard: ${what} was not submitted: this update has already submitted ${shared ? cap : this.sent} ` +
          `job(s), the most aigc:maxSubmissionsPerUpdate allows (${cap}${shared?.why ?? ""}). Jobs already ` +
          "submitted are kept and completed. To submit more, run `pulumi up` again (each update may submit up to " +
          `the cap) or raise the cap: \`pulumi config set aigc:maxSubmissionsPerUpdate ${Math.max(cap * 2, 1)}\``,
      );
    }
    this.sent++;
  }

  /**
   * Counts a job the plan would submit (a create or a replacement seen at check/diff time) and returns a
   * warning once the plan goes beyond the cap. The engine does not tell a dynamic provider the size of the
   * plan, so the warning comes at the resource that crosses the cap.
   */
  plan(): string | undefined {
    noteCap(); // so that the update's other provider processes know this one's cap from the preview on
    this.planned++;
    const cap = maxSubmissionsPerUpdate();
    if (this.planned <= cap || this.warnedPlan) return undefined;
    this.warnedPlan = true;
    return (
      `WARNING spend guard: this plan submits more than ${cap} new jobs (aigc:maxSubmissionsPerUpdate); ` +
      `\`pulumi up\` will submit ${cap} and stop with an error for the rest. Raise the cap if that many are intended`
    );
  }
}

/** The guard of this provider process (one process per update). */
export const spendGuard = new SpendGuard();

// "This run was cancelled" for the whole dynamic-provider process. On the first Ctrl-C of `pulumi up` the engine
// stops scheduling steps, calls the provider's Cancel RPC and then waits, without a deadline, for the steps in
// flight (docs/vendor-notes/pulumi.md, "Ctrl-C"). A create waiting for a 10-minute job would hold the whole
// update that long: the cancel aborts every wait instead, each create records its job id as a partial state, and
// nothing is submitted after it.
import { setMaxListeners } from "node:events";
import { engineLog } from "./engine-channel";

/** Thrown by a create that was cancelled before it submitted anything. */
export class RunCancelledError extends Error {}

/** A job this process is waiting for: what a cancel reports as still running at the vendor. */
interface RunningWait {
  readonly label: string;
  status: string;
}

/** One run's cancellation: one AbortController, and the waits it stops. */
export class RunCancellation {
  private controller = listenedByAll(new AbortController());
  private readonly waits = new Map<string, RunningWait>();
  /** Submissions between their claim and their record: a process must not end while one is (./engine-watchdog.ts). */
  private sendingNow = 0;
  private engineIsGone = false;

  constructor(private readonly say: (message: string) => void) {}

  /** Aborted once the engine cancelled the run: every wait takes it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /**
   * Cancels the run (idempotent): aborts every wait and says which jobs keep running at the vendor. The engine
   * also calls Cancel at the end of a normal command, when nothing is waiting: then nothing is said.
   */
  cancel(): void {
    if (this.cancelled) return;
    const running = [...this.waits.entries()].map(([jobId, w]) => `${w.label} ${jobId} (${w.status})`);
    this.controller.abort(new RunCancelledError("the update was cancelled"));
    if (running.length === 0) return;
    this.say(
      `cancelled: stopped waiting; ${running.length} job${running.length === 1 ? "" : "s"} still running at the ` +
        `vendor: ${running.join(", ")}. Their ids are saved in the stack and the ledger: the next \`pulumi up\` ` +
        "resumes them without submitting again",
    );
  }

  /** Whether the run was cancelled because its engine is gone (./engine-watchdog.ts): no result reaches a stack. */
  get engineGone(): boolean {
    return this.engineIsGone;
  }

  /** Cancels the run because the engine that started this process is gone (a SIGKILLed CLI). */
  engineLost(): void {
    this.engineIsGone = true;
    this.cancel();
  }

  /**
   * Throws when the run was cancelled: a create calls this right before it would claim the vendor's attention.
   * @throws RunCancelledError naming `what` and saying that nothing was submitted.
   */
  throwIfCancelled(what: string): void {
    if (!this.cancelled) return;
    throw new RunCancelledError(
      `${what}: the update was cancelled before it was submitted; nothing was submitted. The next \`pulumi up\` ` +
        "submits it (once)",
    );
  }

  /** Notes a wait in progress until the returned function is called; `status` keeps its last known status. */
  track(jobId: string, label: string): { status(s: string): void; done(): void } {
    const w: RunningWait = { label, status: "RUNNING" };
    this.waits.set(jobId, w);
    return {
      status: (s) => {
        w.status = s;
      },
      done: () => {
        if (this.waits.get(jobId) === w) this.waits.delete(jobId);
      },
    };
  }

  /** Runs one submission, from its claim to its record, counted as in flight (`idle` is false meanwhile). */
  async sending<T>(submission: () => Promise<T>): Promise<T> {
    this.sendingNow++;
    try {
      return await submission();
    } finally {
      this.sendingNow--;
    }
  }

  /** No submission is between its claim and its record: ending the process now leaves no ambiguous intent. */
  get idle(): boolean {
    return this.sendingNow === 0;
  }

  /** A fresh, uncancelled state: for tests (a provider process serves one run and never needs it). */
  renew(): void {
    this.controller = listenedByAll(new AbortController());
    this.waits.clear();
    this.engineIsGone = false;
  }
}

/**
 * Every submit, recovery, poll and rate-limit wait of the process listens to the run's signal (a batch: hundreds
 * at once), each removing its listener when it ends: Node's leak warning past 10 listeners would be a false alarm.
 */
function listenedByAll(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

/** The reason a wait stopped by the cancel gives: the job, its status, and that the next `up` resumes it. */
export function cancelledWaitMessage(kindName: string, jobId: string, status: string): string {
  return (
    `${kindName} ${jobId} is still ${status} at the vendor: the update was cancelled while waiting for it; ` +
    "its id is saved: run `pulumi up` again to resume it (nothing is submitted twice)"
  );
}

/** The run of this process. What it says goes to the engine (the stack's row) or stderr. */
export const runCancellation = new RunCancellation((message) => engineLog("warning", `[pulumi-aigc] ${message}`));

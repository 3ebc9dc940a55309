// Where a caller's abort may stop one call's retries. A create's attempt on the wire is never abandoned (its
// answer says whether a paid job exists, and holds its id), so its abort waits for the attempt to end; a
// throttled attempt was not executed, so stopping before the next one is safe.
import { VendorError } from "./errors";

/**
 * Follows one call's attempts for its retry schedule: which of them may have been executed, and a signal for
 * the schedule's waits that fires only between attempts when `finishInFlight` (else it is the caller's own).
 */
export class AttemptGate {
  private readonly controller: AbortController | undefined;
  private inFlight = false;
  private ran = false;
  private readonly onAbort = () => {
    if (!this.inFlight) this.controller?.abort(this.source?.reason);
  };

  constructor(
    private readonly source: AbortSignal | undefined,
    private readonly finishInFlight: boolean,
  ) {
    if (!source || !finishInFlight) return;
    this.controller = new AbortController();
    if (source.aborted) this.controller.abort(source.reason);
    else source.addEventListener("abort", this.onAbort, { once: true });
  }

  /** The signal the schedule's waits take: the caller's, or one that stays quiet while an attempt is in flight. */
  get signal(): AbortSignal | undefined {
    return this.controller?.signal ?? this.source;
  }

  /**
   * Whether an attempt so far may have been carried out by the vendor: one was answered, or failed in a way
   * that does not prove it was not executed.
   */
  get mayHaveRun(): boolean {
    return this.ran;
  }

  /**
   * Runs one attempt. When the caller's signal fired meanwhile and its failure would be retried, the call stops
   * here with `stopped()` (an AbortError); a final failure (an ambiguous paid submit) is thrown as it is.
   * @throws the attempt's error, or `stopped()`.
   */
  async run<T>(
    attempt: () => Promise<T>,
    wouldRetry: (err: unknown, n: number) => boolean,
    n: number,
    stopped: () => Error,
  ): Promise<T> {
    this.inFlight = true;
    try {
      const result = await attempt();
      this.ran = true;
      return result;
    } catch (err) {
      if (!this.provenNotRun(err)) this.ran = true;
      if (this.source?.aborted && wouldRetry(err, n)) throw stopped();
      throw err;
    } finally {
      this.inFlight = false;
    }
  }

  /** Stops following the caller's signal. */
  dispose(): void {
    this.source?.removeEventListener("abort", this.onAbort);
  }

  /**
   * A failure that proves its attempt was not executed: the vendor said so (throttled...), or it is the caller's
   * abort before sending (a create's only possible one: its request on the wire is never cut off).
   */
  private provenNotRun(err: unknown): boolean {
    if (!(err instanceof VendorError)) return false;
    if (err.notExecuted) return true;
    return this.finishInFlight && err.code === "Aborted";
  }
}

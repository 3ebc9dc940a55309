import type { EmulatorClock } from "./clock";
import type { AcceptedCredentials, EmulatorConfig } from "./config";
import type { FaultInjector } from "./faults";
import type { RequestLimiter } from "./request-limiter";
import type { StatsRecorder } from "./stats";
import type { Store } from "./store";

/** Everything a vendor handler needs, shared by one running emulator. */
export interface EmulatorContext {
  readonly config: EmulatorConfig;
  readonly clock: EmulatorClock;
  readonly store: Store;
  readonly stats: StatsRecorder;
  readonly limiter: RequestLimiter;
  readonly faults: FaultInjector;
  readonly credentials: AcceptedCredentials;
  /** Dice for job outcomes (failureRatio). */
  readonly random: () => number;
  /** `http://127.0.0.1:<port>`: result files are served from here. */
  baseUrl(): string;
  /** Records a signature nonce; true when it was already used inside the replay window. */
  nonceSeen(keyId: string, nonce: string): boolean;
}

/** Latency of a new job: a directive wins over the configured default. */
export function latencyFor(ctx: EmulatorContext, directive: number | undefined): number {
  return directive ?? ctx.config.jobLatencyMs;
}

import type { FaultConfig } from "./config";
import { makeRandom } from "./random";

export type FaultKind = "resetBefore" | "throttle" | "serverError" | "slow" | "resetAfter";

/** Rolls the fault dice for one vendor request: at most one fault, in a fixed order of precedence. */
export class FaultInjector {
  private random: () => number;
  private injected = 0;

  constructor(private config: FaultConfig) {
    this.random = makeRandom(config.seed);
  }

  /** Replaces the configuration; the dice and the fault budget start over. */
  set(config: FaultConfig): void {
    this.config = config;
    this.random = makeRandom(config.seed);
    this.injected = 0;
  }

  get current(): FaultConfig {
    return this.config;
  }

  /** The fault for a request to `action`, or undefined. */
  roll(action: string): FaultKind | undefined {
    const c = this.config;
    if (c.actions && !c.actions.includes(action)) return undefined;
    if (c.maxFaults !== undefined && this.injected >= c.maxFaults) return undefined;
    const r = this.random();
    let edge = 0;
    for (const kind of ["resetBefore", "throttle", "serverError", "slow", "resetAfter"] as const) {
      edge += c[kind];
      if (r < edge) {
        this.injected++;
        return kind;
      }
    }
    return undefined;
  }
}

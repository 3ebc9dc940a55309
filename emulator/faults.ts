import type { FaultConfig } from "./config";
import { makeRandom } from "./random";

/** Faults that replace the vendor's answer with an error answer (the request is not processed). */
export const ANSWER_FAULTS = [
  "throttle",
  "serverError",
  "gatewayError",
  "internalError",
  "serviceUnavailable",
  "failedOperation",
  "unauthorized",
] as const;
/** A fault answered in the vendor's own words (or its gateway's). */
export type AnswerFault = (typeof ANSWER_FAULTS)[number];

/** Every fault kind, in their order of precedence on the dice. */
export const FAULT_KINDS = ["resetBefore", ...ANSWER_FAULTS, "slow", "resetAfter"] as const;
/** Any fault the injector can roll. */
export type FaultKind = (typeof FAULT_KINDS)[number];

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

  /**
   * The fault for a request to `action`, or undefined. Kinds the vendor does not `offer` take no share of the
   * dice for its requests.
   */
  roll(action: string, offers: (kind: FaultKind) => boolean = () => true): FaultKind | undefined {
    const c = this.config;
    if (c.actions && !c.actions.includes(action)) return undefined;
    if (c.maxFaults !== undefined && this.injected >= c.maxFaults) return undefined;
    const r = this.random();
    let edge = 0;
    for (const kind of FAULT_KINDS) {
      if (!offers(kind)) continue;
      edge += c[kind];
      if (r < edge) {
        this.injected++;
        return kind;
      }
    }
    return undefined;
  }
}

/** Counters the admin API reports at GET /__emulator/stats. */
export interface EmulatorStats {
  /** Vendor API requests received, per action. */
  requests: Record<string, number>;
  /** Jobs or tasks created, per action. */
  submissions: Record<string, number>;
  /** Requests answered with a throttling error (rate limit or injected), per action. */
  throttled: Record<string, number>;
  /** Requests answered with any error, per action. */
  failed: Record<string, number>;
  /** Error answers per error code. */
  errorCodes: Record<string, number>;
  /** Injected faults per kind. */
  faults: Record<string, number>;
  /** Admin and file requests are not counted above. */
  startedAt: string;
}

const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

export class StatsRecorder {
  private s: EmulatorStats = StatsRecorder.empty();

  private static empty(): EmulatorStats {
    return {
      requests: {},
      submissions: {},
      throttled: {},
      failed: {},
      errorCodes: {},
      faults: {},
      startedAt: new Date().toISOString(),
    };
  }

  request(action: string) {
    bump(this.s.requests, action);
  }
  submission(action: string) {
    bump(this.s.submissions, action);
  }
  error(action: string, code: string, throttled: boolean) {
    bump(this.s.failed, action);
    bump(this.s.errorCodes, code);
    if (throttled) bump(this.s.throttled, action);
  }
  fault(kind: string) {
    bump(this.s.faults, kind);
  }
  snapshot(): EmulatorStats & { totals: { requests: number; submissions: number; throttled: number; failed: number } } {
    const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
    return {
      ...structuredClone(this.s),
      totals: {
        requests: sum(this.s.requests),
        submissions: sum(this.s.submissions),
        throttled: sum(this.s.throttled),
        failed: sum(this.s.failed),
      },
    };
  }
  reset() {
    this.s = StatsRecorder.empty();
  }
}

/**
 * Test scripting through a job's own free-text field (Tencent SessionContext, VOD UserData, ICE Name or
 * UserData, aicontent prompt): `emulator:fail` or `emulator:fail=CODE` makes the job fail with that
 * task-level code; `emulator:latency=MS` sets how long it runs.
 */
export interface JobDirectives {
  readonly fail?: string | true | undefined;
  readonly latencyMs?: number | undefined;
}

export function parseDirectives(...texts: ReadonlyArray<string | undefined>): JobDirectives {
  const text = texts.filter(Boolean).join(" ");
  const fail = /emulator:fail(?:=([A-Za-z0-9_.]+))?/.exec(text);
  const latency = /emulator:latency=(\d+)/.exec(text);
  return {
    fail: fail ? (fail[1] ?? true) : undefined,
    latencyMs: latency ? Number(latency[1]) : undefined,
  };
}

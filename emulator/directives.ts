/**
 * Test scripting through a submit request's own free-text field (Tencent SessionContext, VOD UserData, ICE
 * Name or UserData, aicontent prompt):
 * - `emulator:fail` or `emulator:fail=CODE`: the job is accepted, then ends in a task-level failure (CODE);
 * - `emulator:latency=MS`: how long the job runs;
 * - `emulator:error=CODE`: the submit itself is answered with the vendor error CODE in the vendor's envelope
 *   (FailedOperation, FailedOperation.InvalidVodUser, UnauthorizedOperation, InternalError, Forbidden.RAM,
 *   UNKNOWN_ERROR...), and nothing is created;
 * - `emulator:error-after=CODE`: the same answer, but the job was created first (the outcome a client cannot
 *   tell from the answer: it must not assume nothing happened).
 */
export interface JobDirectives {
  readonly fail?: string | true | undefined;
  readonly latencyMs?: number | undefined;
  readonly error?: { readonly code: string; readonly afterCreate: boolean } | undefined;
}

export function parseDirectives(...texts: ReadonlyArray<string | undefined>): JobDirectives {
  const text = texts.filter(Boolean).join(" ");
  const fail = /emulator:fail(?:=([A-Za-z0-9_.]+))?/.exec(text);
  const latency = /emulator:latency=(\d+)/.exec(text);
  const error = /emulator:error(-after)?=([A-Za-z0-9_.]+)/.exec(text);
  return {
    fail: fail ? (fail[1] ?? true) : undefined,
    latencyMs: latency ? Number(latency[1]) : undefined,
    error: error ? { code: error[2]!, afterCreate: error[1] !== undefined } : undefined,
  };
}

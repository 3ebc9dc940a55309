// Starts the real emulator (the public entry point, as a user would) for one test file.
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from "pulumi-aigc/emulator";

/** An emulator on a free loopback port, with the demo credentials and short jobs unless told otherwise. */
export function startTestEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, jobLatencyMs: 300, env: {}, ...options });
}

/** GET/POST on the admin API. */
export async function admin<T = Record<string, unknown>>(
  emu: RunningEmulator,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${emu.url}/__emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`admin ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A job as the admin API lists it. */
export type EmulatorJob = {
  id: string;
  kind: string;
  stage: string;
  sessionId?: string;
  request?: Record<string, unknown>;
};

/** Every job the emulator holds (admin API). */
export const emulatorJobs = async (emu: RunningEmulator) => (await admin<{ jobs: EmulatorJob[] }>(emu, "jobs")).jobs;

/** Vendor API requests the emulator answered since its last reset, every action counted. */
export const vendorRequests = async (emu: RunningEmulator) =>
  (await admin<{ totals: { requests: number } }>(emu, "stats")).totals.requests;

/** Moves the emulator's clock forward: running jobs finish as if `ms` had passed, with no wall-clock wait. */
export const advanceClock = (emu: RunningEmulator, ms: number) => admin(emu, "clock", { advanceMs: ms });

/** Polls `ok` every 100 ms until it holds; throws naming `what` after `ms`. */
export async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

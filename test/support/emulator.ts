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

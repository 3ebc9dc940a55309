// Runs the emulator CLI in a child process: a benchmark's load generator never shares its event loop, and
// drills can SIGKILL and restart it.
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { DEMO_CREDENTIALS } from "pulumi-aigc/emulator";
import { repoRoot } from "./pulumi-workspace";

/** An emulator running as a child process (see spawnEmulator). */
export interface EmulatorProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** The demo pairs: the child is started without the vendors' credential env vars. */
  credentials: {
    tencent: { secretId: string; secretKey: string };
    alibaba: { accessKeyId: string; accessKeySecret: string };
  };
  /** GET (no body) or POST on the admin API. */
  admin<T = Record<string, unknown>>(route: string, body?: unknown): Promise<T>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `dist/emulator/cli.js` with `args` and resolves once it prints `listening on <url>`. */
export function spawnEmulator(args: string[], port = 0): Promise<EmulatorProcess> {
  const cli = path.join(repoRoot, "dist", "emulator", "cli.js");
  const env = { ...process.env };
  for (const k of [
    "TENCENTCLOUD_SECRET_ID",
    "TENCENTCLOUD_SECRET_KEY",
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  ])
    delete env[k];
  const child = spawn(process.execPath, [cli, "--port", String(port), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (!m) return;
      child.stdout!.off("data", onData);
      child.stdout!.resume();
      const url = m[1]!;
      resolve({
        url,
        port: Number(m[2]),
        child,
        credentials: { tencent: { ...DEMO_CREDENTIALS.tencent }, alibaba: { ...DEMO_CREDENTIALS.alibaba } },
        async admin<T>(route: string, body?: unknown): Promise<T> {
          const res = await fetch(`${url}/__emulator/${route}`, {
            method: body === undefined ? "GET" : "POST",
            headers: { "content-type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          if (!res.ok) throw new Error(`emulator admin ${route}: HTTP ${res.status}`);
          return (await res.json()) as T;
        },
        stop: (signal = "SIGTERM") =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once("exit", () => done());
            child.kill(signal);
          }),
      });
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code} before listening: ${out}`)));
  });
}

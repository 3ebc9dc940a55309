// Runs the emulator CLI in a child process (so a benchmark's load generator never shares its event loop).
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";

export interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `dist/emulator/cli.js` with `args` and resolves once it prints `listening on <url>`. */
export function spawnEmulator(args: string[], env: NodeJS.ProcessEnv = {}): Promise<EmulatorProcess> {
  const cli = path.resolve(__dirname, "..", "emulator", "cli.js");
  const child = spawn(process.execPath, [cli, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, TENCENTCLOUD_SECRET_ID: "", TENCENTCLOUD_SECRET_KEY: "", ALIBABA_CLOUD_ACCESS_KEY_ID: "", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "", ...env },
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        child.stdout!.off("data", onData);
        child.stdout!.resume();
        resolve({
          url: m[1]!,
          child,
          stop: (signal = "SIGTERM") =>
            new Promise((r) => {
              if (child.exitCode !== null) return r();
              child.once("exit", () => r());
              child.kill(signal);
            }),
        });
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code} before listening: ${out}`)));
  });
}

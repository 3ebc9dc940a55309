// `pulumi up` started the way a shell starts it (not through the Automation API), for the tests that kill it
// or race a second runner against it.
import { type ChildProcess, spawn } from "node:child_process";
import type { TestStack } from "../../harness";

/** A running `pulumi up`: the child, everything it printed so far, and its exit. */
export interface BackgroundUp {
  child: ChildProcess;
  output(): string;
  exited: Promise<unknown>;
}

/** Starts `pulumi up --yes --skip-preview` on the stack's project, with the stack's environment. */
export function spawnUp(t: TestStack, extraArgs: string[] = []): BackgroundUp {
  const child = spawn(t.cli, ["up", "--yes", "--skip-preview", "--non-interactive", ...extraArgs], {
    cwd: t.projectDir,
    env: { ...process.env, ...t.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  child.stdout!.on("data", (d) => (printed += d));
  child.stderr!.on("data", (d) => (printed += d));
  return { child, output: () => printed, exited: new Promise((r) => child.once("exit", r)) };
}

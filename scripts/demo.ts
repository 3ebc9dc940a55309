// `npm run demo`: applies the root Pulumi.yaml program with the real Pulumi CLI on a local file backend
// under .pulumi-aigc/ (ignored by git) and prints the stack outputs. `npm run demo -- --destroy` tears it down.
// Runs under scripts/setup.js, which puts the CLI on PATH.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const repo = path.resolve(__dirname, "..", "..");
const stateRoot = path.join(repo, ".pulumi-aigc");
const STACK = "demo";

/** Environment of every CLI call: hermetic home and backend, a documented demo passphrase. */
function demoEnv(): NodeJS.ProcessEnv {
  fs.mkdirSync(path.join(stateRoot, "state"), { recursive: true });
  fs.mkdirSync(path.join(stateRoot, "home"), { recursive: true });
  return {
    ...process.env,
    PULUMI_BACKEND_URL: process.env.PULUMI_BACKEND_URL ?? `file://${path.join(stateRoot, "state")}`,
    PULUMI_HOME: process.env.PULUMI_HOME ?? path.join(stateRoot, "home"),
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "pulumi-aigc-demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

function pulumi(args: string[], env: NodeJS.ProcessEnv, capture = false): string {
  const res = spawnSync("pulumi", [...args, "--non-interactive"], {
    cwd: repo,
    env,
    encoding: "utf8",
    stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
  });
  if (res.error) throw new Error(`pulumi could not start: ${res.error.message} (run through npm run demo)`);
  if (res.status !== 0) {
    process.stderr.write(`pulumi ${args.join(" ")} failed with exit code ${res.status}\n`);
    process.exit(res.status ?? 1);
  }
  return res.stdout ?? "";
}

/** Prints outputs as a two-column table; long values are kept whole (they are URLs and IDs). */
function printTable(outputs: Record<string, unknown>): void {
  const rows = Object.entries(outputs).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)] as const);
  const width = Math.max(6, ...rows.map(([k]) => k.length));
  process.stdout.write(`\n${"output".padEnd(width)}  value\n${"-".repeat(width)}  ${"-".repeat(40)}\n`);
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  process.stdout.write("\n");
}

function main(): void {
  const env = demoEnv();
  const destroy = process.argv.includes("--destroy");
  pulumi(["stack", "select", STACK, "--create"], env);
  if (destroy) {
    pulumi(["destroy", "--yes"], env);
    return;
  }
  pulumi(["up", "--yes"], env);
  const outputs = JSON.parse(pulumi(["stack", "output", "--json", "--show-secrets"], env, true) || "{}");
  printTable(outputs);
}

main();

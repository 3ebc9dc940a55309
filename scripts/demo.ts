// `npm run demo`: the root Pulumi.yaml program (examples/media-pipeline) applied with the real Pulumi CLI
// against the emulator, which runs in the background for the duration (no cloud account, no cost).
//
//   npm run demo                 pulumi up, then print the stack outputs as a table
//   npm run demo -- --keep       ...and keep the emulator running so the result URLs can be opened
//   npm run demo -- --destroy    pulumi destroy
//
// State lives in .pulumi-aigc/demo/ (ignored by git): the file backend, PULUMI_HOME, the provider's
// submission ledger and the emulator's own state file, so a second run finds every job and is a no-op.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { DEMO_CREDENTIALS } from "pulumi-aigc/emulator";

const repo = path.resolve(__dirname, "..", "..");
/** PULUMI_AIGC_DEMO_DIR moves the demo's state elsewhere (the tests use a temp dir). */
const demoDir = process.env.PULUMI_AIGC_DEMO_DIR ?? path.join(repo, ".pulumi-aigc", "demo");
/** The stack's config (and its secrets' salt) is Pulumi.<stack>.yaml next to Pulumi.yaml, ignored by git. */
const STACK = process.env.PULUMI_AIGC_DEMO_STACK ?? "demo";
const PREFERRED_PORT = 4566;

/**
 * The port of the demo's earlier runs, else the preferred port if free (so result URLs stay the same between
 * runs), else any free port. A job stays at the endpoint it was submitted to (docs/job-placement.md): once the
 * demo has submitted jobs to an emulator port, its later runs and `--destroy` must find the emulator there.
 * @throws Error when the remembered port is taken, saying how to go on.
 */
async function pickPort(): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
  const file = path.join(demoDir, "emulator-port");
  const remembered = fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : undefined;
  if (remembered) {
    return tryPort(remembered).catch(() => {
      throw new Error(
        `port ${remembered}, where the demo's emulator holds this demo's jobs, is in use: free it and run the demo ` +
          `again (or delete ${demoDir} to start over)`,
      );
    });
  }
  const port = await tryPort(PREFERRED_PORT).catch(() => tryPort(0));
  fs.writeFileSync(file, String(port));
  return port;
}

function startEmulator(port: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      path.join(repo, "dist", "emulator", "cli.js"),
      "--port",
      String(port),
      "--latency",
      "2500",
      "--state-file",
      path.join(demoDir, "emulator-state.jsonl"),
    ],
    // The emulator accepts the vendors' env credentials when set: give it the demo pairs explicitly.
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...vendorEnv() } },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before listening:\n${out}`)));
  });
}

function vendorEnv(): Record<string, string> {
  return {
    TENCENTCLOUD_SECRET_ID: DEMO_CREDENTIALS.tencent.secretId,
    TENCENTCLOUD_SECRET_KEY: DEMO_CREDENTIALS.tencent.secretKey,
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_CREDENTIALS.alibaba.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_CREDENTIALS.alibaba.accessKeySecret,
  };
}

/** Environment of every CLI call: hermetic PULUMI_HOME, file backend and ledger; a documented passphrase. */
function pulumiEnv(): NodeJS.ProcessEnv {
  for (const d of ["state", "home", "ledger"]) fs.mkdirSync(path.join(demoDir, d), { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${path.join(demoDir, "state")}`,
    PULUMI_HOME: path.join(demoDir, "home"),
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "pulumi-aigc-demo",
    PULUMI_AIGC_LEDGER: `file://${path.join(demoDir, "ledger")}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // The program is TypeScript run by ts-node; `npm test` type-checks it, so the demo only transpiles it.
    PULUMI_NODEJS_TRANSPILE_ONLY: process.env.PULUMI_NODEJS_TRANSPILE_ONLY ?? "true",
  };
  // The demo's credentials travel as encrypted stack config, not env vars: a real shell's keys stay out of it.
  for (const k of Object.keys(vendorEnv())) delete env[k];
  return env;
}

function pulumi(args: string[], env: NodeJS.ProcessEnv, capture = false): string {
  const res = spawnSync("pulumi", [...args, "--non-interactive"], {
    cwd: repo,
    env,
    encoding: "utf8",
    stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
  });
  if (res.error)
    throw new Error(
      `pulumi could not start: ${res.error.message} (run it through \`npm run demo\`, which puts the CLI on PATH)`,
    );
  if (res.status !== 0) throw new Error(`pulumi ${args.join(" ")} failed with exit code ${res.status}`);
  return res.stdout ?? "";
}

/** One row per value; arrays get one row per element, so URLs are printed whole. */
export function outputRows(outputs: Record<string, unknown>): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(outputs)) {
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries())
        rows.push([`${k}[${i}]`, typeof item === "string" ? item : JSON.stringify(item)]);
    } else rows.push([k, typeof v === "string" ? v : JSON.stringify(v)]);
  }
  return rows;
}

function printTable(outputs: Record<string, unknown>): void {
  const rows = outputRows(outputs);
  const width = Math.max(6, ...rows.map(([k]) => k.length));
  process.stdout.write(
    `\nStack outputs (stack "${STACK}", emulator results)\n\n` +
      `${"output".padEnd(width)}  value\n${"-".repeat(width)}  ${"-".repeat(60)}\n`,
  );
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  process.stdout.write("\n");
}

async function main(): Promise<void> {
  const destroy = process.argv.includes("--destroy");
  const keep = process.argv.includes("--keep");
  fs.mkdirSync(demoDir, { recursive: true });
  const emu = await startEmulator(await pickPort());
  process.stderr.write(`[demo] emulator on ${emu.url} (state in .pulumi-aigc/demo/)\n`);
  const stop = () => emu.child.kill("SIGTERM");
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });
  let serving = false;
  try {
    const env = pulumiEnv();
    pulumi(["stack", "select", STACK, "--create"], env);
    const creds = vendorEnv();
    pulumi(
      [
        "config",
        "set-all",
        "--plaintext",
        `aigc:endpoint=${emu.url}`,
        "--secret",
        `aigc:tencentSecretId=${creds.TENCENTCLOUD_SECRET_ID}`,
        "--secret",
        `aigc:tencentSecretKey=${creds.TENCENTCLOUD_SECRET_KEY}`,
        "--secret",
        `aigc:alibabaAccessKeyId=${creds.ALIBABA_CLOUD_ACCESS_KEY_ID}`,
        "--secret",
        `aigc:alibabaAccessKeySecret=${creds.ALIBABA_CLOUD_ACCESS_KEY_SECRET}`,
      ],
      env,
    );
    if (destroy) {
      pulumi(["destroy", "--yes"], env);
      return;
    }
    pulumi(["up", "--yes"], env);
    printTable(JSON.parse(pulumi(["stack", "output", "--json", "--show-secrets"], env, true) || "{}"));
    if (keep) {
      serving = true;
      process.stderr.write(
        `[demo] the emulator keeps serving the result URLs on ${emu.url}; Ctrl-C to stop\n` +
          `[demo] console (jobs and result images): ${emu.url}/\n`,
      );
    }
  } finally {
    if (!serving) stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[demo] ${err.message}\n`);
  process.exitCode = 1;
});

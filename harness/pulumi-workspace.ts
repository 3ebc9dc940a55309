// Runs of the real Pulumi CLI through the Automation API, for the end-to-end tests and the benchmarks.
// Each stack gets a project directory and a fresh PULUMI_HOME, plus a local file:// backend in the OS temp dir
// or a shared DIY backend such as PostgreSQL (harness/postgres-server.ts) that other runners of the same stack
// reach too. The project is either generated inside the repository around a compiled program (so the program
// resolves @pulumi/pulumi and pulumi-aigc from the repository's node_modules) or a user's project directory
// given as is. Nothing touches ~/.pulumi and nothing reaches the network.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { type ConfigMap, LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { Client } from "pg";
import { leanStackCalls } from "./lean-stack-calls";

/**
 * The repository root: the nearest directory up from here whose package.json is pulumi-aigc's (works from
 * dist/ too).
 */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, "utf8")).name === "pulumi-aigc") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pulumi-aigc package.json above ${start}`);
  }
}

/** The repository root (of this checkout), found from this file's location in the sources or in dist/. */
export const repoRoot = findRepoRoot(__dirname);

/** The bin dir of the locally built CLI: from `npm test`'s environment, else asks the setup script. */
export function cliBinDir(): string {
  const fromEnv = process.env.PULUMI_AIGC_CLI_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "pulumi"))) return fromEnv;
  const out = execFileSync("bash", [path.join(repoRoot, "toolchain", "pulumi-cli.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split("\n").pop()!;
}

let command: Promise<PulumiCommand> | undefined;
/** The CLI as the Automation API sees it (validates `pulumi version`). */
export function pulumiCommand(): Promise<PulumiCommand> {
  command ??= PulumiCommand.get({ root: path.dirname(cliBinDir()) });
  return command;
}

/** How createTestStack makes a stack. */
export interface TestStackOptions {
  /** Short name used for the project dir and the Pulumi project. */
  name: string;
  /** Repo-relative path of the compiled program module (CommonJS in dist/), run from a generated project. */
  program?: string;
  /**
   * Instead of `program`: an existing Pulumi project (its own Pulumi.yaml and node_modules), used as is.
   * The stack's settings file is written into it; `cleanup` leaves the directory itself alone.
   */
  projectDir?: string;
  /** Plain stack config (`key: value`, project namespace added). */
  config?: Record<string, string>;
  /** Secret stack config. */
  secrets?: Record<string, string>;
  /** Extra environment for every CLI call (and so for the language host and the dynamic provider). */
  env?: Record<string, string>;
  /** Where project dirs go, under the repository (default .pulumi-aigc/e2e). */
  projectsDir?: string;
  /**
   * The state backend: a fresh file backend in the temp dir (default), or a DIY backend URL that runners share,
   * e.g. `postgres://aigc@127.0.0.1:<port>/<db>?sslmode=disable` from `PostgresServer.createDatabase()`.
   */
  backendUrl?: string;
  /** The stack's name (default `e2e`). */
  stackName?: string;
}

/** A stack made by createTestStack, with what tests need to drive and inspect it. */
export interface TestStack {
  stack: Stack;
  /** The CLI and the env the Automation API uses, for running `pulumi` directly (e.g. to SIGKILL it). */
  cli: string;
  projectDir: string;
  stateDir: string;
  /**
   * The provider's file ledger of this stack: PULUMI_AIGC_LEDGER's directory, else the one beside a file backend's
   * data (`<backend>/.pulumi-aigc/ledger`), else the machine-local one under PULUMI_HOME (a postgres:// backend's
   * ledger is in its database: this directory then stays empty).
   */
  ledgerDir: string;
  env: Record<string, string>;
  /** The backend URL the CLI uses (`file://…` or the shared `postgres://…`). */
  backendUrl: string;
  /**
   * The same stack as another runner (another CI machine) sees it: its own work directory holding a copy of the
   * project and of the stack's config file (what a checkout gives), its own PULUMI_HOME (and so its own default
   * ledger), the same backend. `env` adds to (or overrides) this stack's environment: share a ledger with
   * `PULUMI_AIGC_LEDGER`.
   */
  anotherRunner(env?: Record<string, string>): Promise<TestStack>;
  /** Removes the stack's PULUMI_HOME and file backend (a shared backend is left as it is), and its project. */
  cleanup(): Promise<void>;
}

/** A project dir inside the repository whose `main` re-exports the compiled program. */
function generatedProject(name: string, program: string, projectsDirOption?: string): string {
  const projectsDir = path.join(repoRoot, projectsDirOption ?? path.join(".pulumi-aigc", "e2e"));
  fs.mkdirSync(projectsDir, { recursive: true });
  const projectDir = fs.mkdtempSync(path.join(projectsDir, `${name}-`));
  const programPath = path.join(repoRoot, program);
  if (!fs.existsSync(programPath)) throw new Error(`program ${program} is not built: run npm run build`);
  fs.writeFileSync(
    path.join(projectDir, "Pulumi.yaml"),
    [`name: ${name}`, "runtime:", "  name: nodejs", "  options:", "    typescript: false", "main: index.js", ""].join(
      "\n",
    ),
  );
  fs.writeFileSync(
    path.join(projectDir, "index.js"),
    `module.exports = require(${JSON.stringify(path.relative(projectDir, programPath))});\n`,
  );
  return projectDir;
}

/** A stack on a backend, in a generated project around a compiled program or in a given project. */
export async function createTestStack(opts: TestStackOptions): Promise<TestStack> {
  if (!opts.program === !opts.projectDir) throw new Error("createTestStack needs either program or projectDir");
  const projectDir = opts.projectDir ?? generatedProject(opts.name, opts.program!, opts.projectsDir);
  const stateDir = newStateDir(opts.name);
  let backendUrl = opts.backendUrl;
  if (!backendUrl) {
    fs.mkdirSync(path.join(stateDir, "backend"));
    backendUrl = `file://${path.join(stateDir, "backend")}`;
  }
  const env: Record<string, string> = {
    PULUMI_HOME: path.join(stateDir, "home"),
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...opts.env,
  };
  // Every CLI call costs a CLI start (a third of a CPU second): a fresh file backend cannot hold the stack yet,
  // so `stack init` alone; a shared backend may (select, else init). All config is set in one `config set-all`.
  const args = { stackName: opts.stackName ?? "e2e", workDir: projectDir };
  const wsOpts = { pulumiCommand: await pulumiCommand(), envVars: env };
  const stack = opts.backendUrl
    ? await LocalWorkspace.createOrSelectStack(args, wsOpts)
    : await LocalWorkspace.createStack(args, wsOpts);
  const config: ConfigMap = {};
  for (const [key, value] of Object.entries(opts.config ?? {})) config[key] = { value };
  for (const [key, value] of Object.entries(opts.secrets ?? {})) config[key] = { value, secret: true };
  if (Object.keys(config).length > 0) await stack.setAllConfig(config);
  return testStack(opts, stack, projectDir, stateDir, env, backendUrl);
}

/** Where the provider puts the ledger of a stack with this environment (provider/runtime/ledger/ledger-location.ts). */
function defaultLedgerDir(env: Record<string, string>, backendUrl: string): string {
  const explicit = env.PULUMI_AIGC_LEDGER;
  if (explicit?.startsWith("file://")) return new URL(explicit).pathname;
  if (!explicit && backendUrl.startsWith("file://"))
    return path.join(new URL(backendUrl).pathname, ".pulumi-aigc", "ledger");
  return path.join(env.PULUMI_HOME!, "pulumi-aigc", "ledger");
}

function newStateDir(name: string): string {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-aigc-${name}-`));
  fs.mkdirSync(path.join(stateDir, "home"));
  return stateDir;
}

function testStack(
  opts: TestStackOptions,
  stack: Stack,
  projectDir: string,
  stateDir: string,
  env: Record<string, string>,
  backendUrl: string,
): TestStack {
  return {
    stack: leanStackCalls(stack),
    cli: path.join(cliBinDir(), "pulumi"),
    projectDir,
    stateDir,
    ledgerDir: defaultLedgerDir(env, backendUrl),
    env,
    backendUrl,
    async anotherRunner(extraEnv = {}) {
      const otherProject = opts.program
        ? generatedProject(opts.name, opts.program, opts.projectsDir)
        : fs.mkdtempSync(`${projectDir}-runner-`);
      for (const name of fs.readdirSync(projectDir)) {
        if (name === "Pulumi.yaml" || name === "index.js" || /^Pulumi\..+\.yaml$/.test(name)) {
          fs.copyFileSync(path.join(projectDir, name), path.join(otherProject, name));
        }
      }
      const otherState = newStateDir(opts.name);
      const otherEnv = { ...env, PULUMI_HOME: path.join(otherState, "home"), ...extraEnv };
      const other = await LocalWorkspace.selectStack(
        { stackName: stack.name, workDir: otherProject },
        { pulumiCommand: await pulumiCommand(), envVars: otherEnv },
      );
      return testStack(
        { ...opts, projectDir: opts.program ? undefined : otherProject },
        other,
        otherProject,
        otherState,
        otherEnv,
        backendUrl,
      );
    },
    async cleanup() {
      if (opts.projectDir) fs.rmSync(path.join(projectDir, `Pulumi.${stack.name}.yaml`), { force: true });
      else fs.rmSync(projectDir, { recursive: true, force: true });
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * Everything the stack's backend holds (state, backups, history), as text: what is really at rest. A file
 * backend's files, or the rows of a PostgreSQL backend's `pulumi_state` table (each blob base64 in JSON,
 * gzip-compressed when PULUMI_DIY_BACKEND_GZIP is set).
 */
export async function backendText(t: TestStack): Promise<string> {
  if (t.backendUrl.startsWith("file://")) return backendFilesText(t);
  if (!/^postgres(ql)?:\/\//.test(t.backendUrl)) throw new Error(`backendText: unsupported backend ${t.backendUrl}`);
  const url = new URL(t.backendUrl);
  const table = url.searchParams.get("table") ?? "pulumi_state";
  url.searchParams.delete("table");
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ data: string }>(`SELECT data->>'data' AS data FROM "${table}" ORDER BY key`);
    return rows
      .map((r) => {
        const bytes = Buffer.from(r.data, "base64");
        return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8");
      })
      .join("\n");
  } finally {
    await client.end();
  }
}

/** The intents of a stack's file ledger, as stored. */
export function ledgerIntents(t: TestStack): Array<{ key: string; state: string; jobId?: string; scope: string }> {
  const dir = path.join(t.ledgerDir, "intents");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
}

/** Every file the file backend wrote (state, backups, history), concatenated: what is really at rest. */
export function backendFilesText(t: TestStack): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(fs.readFileSync(p, "utf8"));
    }
  };
  walk(path.join(t.stateDir, "backend"));
  return out.join("\n");
}

/**
 * The pids of every process of this runner: each process whose environment has this stack's PULUMI_HOME (the CLI,
 * the language host, the providers, which the CLI starts in process groups of their own). Linux (/proc).
 */
export function runnerProcesses(t: TestStack): number[] {
  const mark = `\0PULUMI_HOME=${t.env.PULUMI_HOME}\0`;
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (`\0${fs.readFileSync(`/proc/${entry}/environ`, "utf8")}`.includes(mark)) found.push(Number(entry));
    } catch {
      /* exited meanwhile, or not ours */
    }
  }
  return found;
}

/**
 * SIGKILLs every process of this runner (`runnerProcesses`), as when a CI machine dies. Returns the pids killed.
 */
export function killRunner(t: TestStack): number[] {
  const killed: number[] = [];
  for (const pid of runnerProcesses(t)) {
    try {
      process.kill(pid, "SIGKILL");
      killed.push(pid);
    } catch {
      /* exited meanwhile */
    }
  }
  return killed;
}

/** Runs an operation expected to fail; returns everything the CLI printed plus the error's message. */
export async function failureText(run: (onOutput: (s: string) => void) => Promise<unknown>): Promise<string> {
  let printed = "";
  try {
    await run((s) => {
      printed += s;
    });
  } catch (err) {
    return `${printed}\n${(err as Error).message}`;
  }
  throw new Error(`expected the operation to fail; it succeeded. Output:\n${printed}`);
}

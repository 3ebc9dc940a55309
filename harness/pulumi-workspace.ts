// Runs of the real Pulumi CLI through the Automation API, for the end-to-end tests and the benchmarks.
// Each stack gets a project directory and a fresh PULUMI_HOME plus a local file:// backend in the OS temp
// dir. The project is either generated inside the repository around a compiled program (so the program
// resolves @pulumi/pulumi and pulumi-aigc from the repository's node_modules) or a user's project directory
// given as is. Nothing touches ~/.pulumi and nothing reaches the network.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";

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
}

/** A stack made by createTestStack, with what tests need to drive and inspect it. */
export interface TestStack {
  stack: Stack;
  /** The CLI and the env the Automation API uses, for running `pulumi` directly (e.g. to SIGKILL it). */
  cli: string;
  projectDir: string;
  stateDir: string;
  env: Record<string, string>;
  /** Removes the stack's backend and PULUMI_HOME, and its generated project dir (or its settings file). */
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

/** A stack on a file backend, in a generated project around a compiled program or in a given project. */
export async function createTestStack(opts: TestStackOptions): Promise<TestStack> {
  if (!opts.program === !opts.projectDir) throw new Error("createTestStack needs either program or projectDir");
  const projectDir = opts.projectDir ?? generatedProject(opts.name, opts.program!, opts.projectsDir);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-aigc-${opts.name}-`));
  fs.mkdirSync(path.join(stateDir, "backend"));
  fs.mkdirSync(path.join(stateDir, "home"));

  const env: Record<string, string> = {
    PULUMI_HOME: path.join(stateDir, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(stateDir, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // The provider's submission journal, per stack (by default it lives under PULUMI_HOME anyway).
    PULUMI_AIGC_JOURNAL_DIR: path.join(stateDir, "journal"),
    ...opts.env,
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "e2e", workDir: projectDir },
    { pulumiCommand: await pulumiCommand(), envVars: env },
  );
  for (const [key, value] of Object.entries(opts.config ?? {})) await stack.setConfig(key, { value });
  for (const [key, value] of Object.entries(opts.secrets ?? {})) await stack.setConfig(key, { value, secret: true });

  return {
    stack,
    cli: path.join(cliBinDir(), "pulumi"),
    projectDir,
    stateDir,
    env,
    async cleanup() {
      if (opts.projectDir) fs.rmSync(path.join(projectDir, "Pulumi.e2e.yaml"), { force: true });
      else fs.rmSync(projectDir, { recursive: true, force: true });
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
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

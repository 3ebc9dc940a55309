#!/usr/bin/env node
// One-command bootstrap used by `npm test`, `npm run demo` and friends. Plain Node, no dependencies:
// it runs before `npm ci` on a fresh clone.
//
//   node scripts/setup.js                 install what is missing: npm deps, the Pulumi CLI, the build
//   node scripts/setup.js --run CMD ...   then run CMD with the toolchain environment (see below)
//   node scripts/setup.js --print-env     print `export` lines for a shell: eval "$(node scripts/setup.js --print-env)"
//   --skip-cli                            do not build or look for the Pulumi CLI (commands that need no Pulumi)
//
// Toolchain environment: PATH starts with the Pulumi CLI's bin dir, the YAML language host's and node_modules/.bin;
// Pulumi never downloads plugins or checks for updates; PULUMI_AIGC_CLI_BIN and PULUMI_AIGC_YAML_BIN name the
// CLI's and the YAML host's bin dirs.
"use strict";

const { spawnSync, spawn } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");
const log = (msg) => process.stderr.write(`[setup] ${msg}\n`);

function fail(msg) {
  log(`error: ${msg}`);
  process.exit(1);
}

/**
 * Runs a step of the setup. Its output goes to stderr, stdout included: `--print-env`'s stdout must hold
 * nothing but `export` lines (npm ci prints "added N packages" on stdout).
 */
function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: repo, stdio: ["ignore", 2, 2], ...opts });
  if (res.error) fail(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) fail(`${cmd} ${args.join(" ")} exited with ${res.status ?? res.signal}`);
  return res;
}

function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/**
 * Runs `fn` holding an exclusive lock (a directory), so two setups started at once (say `npm test` and
 * `npm run demo`) never run `npm ci` over each other. A lock older than 15 minutes is taken as stale.
 */
function withLock(name, fn) {
  const dir = path.join(repo, ".pulumi-aigc", `${name}.lock`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const age = Date.now() - fs.statSync(dir).mtimeMs;
      if (age > 15 * 60_000) fs.rmSync(dir, { recursive: true, force: true });
      else if (Date.now() > deadline) fail(`timed out waiting for ${dir} (remove it if no setup is running)`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** npm ci when node_modules is missing or was installed from a different lockfile. */
function ensureDependencies() {
  const stamp = path.join(repo, "node_modules", ".pulumi-aigc-lock.sha256");
  const want = sha256(path.join(repo, "package-lock.json"));
  const current = () => (fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").trim() : "") === want;
  if (current()) return;
  withLock("npm-ci", () => {
    if (current()) return; // another setup installed while we waited
    log("installing npm dependencies (npm ci)");
    const started = Date.now();
    run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    fs.writeFileSync(stamp, `${want}\n`);
    log(`npm ci done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  });
}

/**
 * Links node_modules/pulumi-aigc to the repository, so that programs inside it (the demo, the examples,
 * the tests) and the dynamic provider, which runs `require("pulumi-aigc/provider-runtime")` from the
 * program's directory, resolve this package the way a user's project resolves an installed one.
 */
function ensureSelfLink() {
  const link = path.join(repo, "node_modules", "pulumi-aigc");
  try {
    if (fs.realpathSync(link) === fs.realpathSync(repo)) return;
    fs.rmSync(link, { recursive: true, force: true });
  } catch {
    /* missing: create it */
  }
  fs.symlinkSync("..", link, "dir");
}

/** Runs a toolchain script that builds or finds a tool; returns the bin dir it prints last. */
function toolchainBin(script) {
  const res = spawnSync("bash", [path.join(repo, "toolchain", script)], {
    cwd: repo,
    stdio: ["ignore", "pipe", 2],
    encoding: "utf8",
  });
  if (res.error) fail(`toolchain/${script} could not start: ${res.error.message}`);
  if (res.status !== 0) fail(`toolchain/${script} failed (exit ${res.status}); see the messages above`);
  const lines = res.stdout.trim().split("\n");
  return lines[lines.length - 1];
}

/** Builds or finds the Pulumi CLI; returns its bin dir. */
function ensurePulumiCli() {
  return toolchainBin("pulumi-cli.sh");
}

/** Builds or finds the YAML language host (YAML programs of the `aigc` provider plugin); returns its bin dir. */
function ensureYamlHost() {
  return toolchainBin("pulumi-language-yaml.sh");
}

/**
 * tsc and the pruning of dist/, unless nothing they read changed since the last build that passed (a digest of
 * the sources' sizes and times, the config and the installed packages, kept in dist/.build-digest): even an
 * incremental tsc parses every source, seconds of CPU on every `npm test`.
 */
function build() {
  const started = Date.now();
  const { buildDigest, missingOutputs, pruneDist } = require("./prune-dist");
  const stampFile = path.join(repo, "dist", ".build-digest");
  let skipped = false;
  withLock("build", () => {
    const missing = missingOutputs(repo).length > 0;
    if (!missing && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === buildDigest(repo)) {
      skipped = true;
      return;
    }
    // An incremental tsc trusts its build info and never rewrites an output deleted since: build afresh then.
    if (missing) fs.rmSync(path.join(repo, "dist", ".tsbuildinfo"), { force: true });
    fs.rmSync(stampFile, { force: true });
    run(process.execPath, [path.join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
    const removed = pruneDist(repo);
    if (removed.length > 0) log(`removed ${removed.length} stale file(s) from dist/ (their sources are gone)`);
    if (missingOutputs(repo).length === 0) {
      fs.mkdirSync(path.dirname(stampFile), { recursive: true });
      fs.writeFileSync(stampFile, `${buildDigest(repo)}\n`);
    }
  });
  const took = `${((Date.now() - started) / 1000).toFixed(1)}s`;
  log(skipped ? `build: sources unchanged since the last build (checked in ${took})` : `build (tsc) done in ${took}`);
}

/** The environment every project command runs with: local CLI first on PATH, no network side effects. */
function toolchainEnv(cliBin, yamlBin) {
  const env = {
    PATH: [cliBin, yamlBin, path.join(repo, "node_modules", ".bin"), process.env.PATH]
      .filter(Boolean)
      .join(path.delimiter),
    ...(cliBin ? { PULUMI_AIGC_CLI_BIN: cliBin } : {}),
    ...(yamlBin ? { PULUMI_AIGC_YAML_BIN: yamlBin } : {}),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
  };
  return env;
}

function main(argv) {
  const runIdx = argv.indexOf("--run");
  const own = runIdx === -1 ? argv : argv.slice(0, runIdx);
  const printEnv = own.includes("--print-env");
  const started = Date.now();
  ensureDependencies();
  ensureSelfLink();
  const cliBin = own.includes("--skip-cli") ? undefined : ensurePulumiCli();
  if (cliBin) require("./python-runtime").ensurePythonRuntime(cliBin, log);
  const yamlBin = cliBin ? ensureYamlHost() : undefined;
  build();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s${cliBin ? ` (pulumi: ${cliBin})` : ""}`);
  const env = toolchainEnv(cliBin, yamlBin);
  if (printEnv) {
    for (const [k, v] of Object.entries(env)) process.stdout.write(`export ${k}=${JSON.stringify(v)}\n`);
  }
  if (runIdx === -1) return;
  const [cmd, ...args] = argv.slice(runIdx + 1);
  if (!cmd) fail("--run needs a command");
  const child = spawn(cmd, args, { cwd: repo, stdio: "inherit", env: { ...process.env, ...env } });
  const forward = (sig) => child.kill(sig);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("error", (err) => fail(`${cmd} could not start: ${err.message}`));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + 2 : 1)));
}

main(process.argv.slice(2));

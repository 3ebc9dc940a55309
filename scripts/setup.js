#!/usr/bin/env node
// One-command bootstrap used by `npm test`, `npm run demo` and friends. Plain Node, no dependencies:
// it runs before `npm ci` on a fresh clone.
//
//   node scripts/setup.js                 install what is missing: npm deps, the Pulumi CLI, the build
//   node scripts/setup.js --run CMD ...   then run CMD with the toolchain environment (see below)
//   node scripts/setup.js --print-env     print `export` lines for a shell: eval "$(node scripts/setup.js --print-env)"
//
// Toolchain environment: PATH starts with the Pulumi CLI's bin dir and node_modules/.bin; Pulumi never
// downloads plugins or checks for updates; PULUMI_AIGC_CLI_BIN names the CLI's bin dir.
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

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: repo, stdio: ["ignore", "inherit", "inherit"], ...opts });
  if (res.error) fail(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) fail(`${cmd} ${args.join(" ")} exited with ${res.status ?? res.signal}`);
  return res;
}

function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** npm ci when node_modules is missing or was installed from a different lockfile. */
function ensureDependencies() {
  const stamp = path.join(repo, "node_modules", ".pulumi-aigc-lock.sha256");
  const want = sha256(path.join(repo, "package-lock.json"));
  const have = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").trim() : "";
  if (have === want) return;
  log("installing npm dependencies (npm ci)");
  const started = Date.now();
  run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
  fs.writeFileSync(stamp, `${want}\n`);
  log(`npm ci done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** Builds or finds the Pulumi CLI; returns its bin dir. */
function ensurePulumiCli() {
  const res = spawnSync("bash", [path.join(repo, "scripts", "pulumi-cli.sh")], {
    cwd: repo,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (res.error) fail(`scripts/pulumi-cli.sh could not start: ${res.error.message}`);
  if (res.status !== 0) fail(`scripts/pulumi-cli.sh failed (exit ${res.status}); see the messages above`);
  const lines = res.stdout.trim().split("\n");
  return lines[lines.length - 1];
}

function build() {
  const started = Date.now();
  run(process.execPath, [path.join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
  log(`build (tsc) done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** The environment every project command runs with: local CLI first on PATH, no network side effects. */
function toolchainEnv(cliBin) {
  const env = {
    PATH: [cliBin, path.join(repo, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
    PULUMI_AIGC_CLI_BIN: cliBin,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
  };
  return env;
}

function main(argv) {
  const runIdx = argv.indexOf("--run");
  const printEnv = argv.includes("--print-env");
  const started = Date.now();
  ensureDependencies();
  const cliBin = ensurePulumiCli();
  build();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s (pulumi: ${cliBin})`);
  const env = toolchainEnv(cliBin);
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

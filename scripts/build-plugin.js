#!/usr/bin/env node
// `npm run plugin`: builds the `aigc` provider plugin's tarball, the file that
//   pulumi plugin install resource aigc <version> --file <tarball>
// installs into the plugin cache. It holds the launcher `pulumi-resource-aigc` at its top (bin/, a shell wrapper
// running node), the compiled provider and sdk (dist/provider, dist/sdk), package.json, and the production
// node_modules they need: the package's dependencies and @pulumi/pulumi (whose gRPC stubs the plugin serves with),
// each with its own dependencies, copied from this checkout's node_modules as installed (no network). When the SDK
// generator of the schema work exists (scripts/gen-sdks.js), it writes the schema and the SDKs into DIR/sdks too.
// Plain Node, no dependencies.
//
//   node scripts/build-plugin.js [--out DIR] [--no-sdks]   prints the tarball's path (the only line on stdout)
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");
const log = (msg) => process.stderr.write(`[plugin] ${msg}\n`);

/** The directory of package `name` as Node resolves it from `fromDir` (node_modules upwards), or undefined. */
function packageDir(name, fromDir) {
  for (let d = fromDir; ; d = path.dirname(d)) {
    const candidate = path.join(d, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (d === repo || path.dirname(d) === d) return undefined;
  }
}

/**
 * The installed directories of `roots` and of everything they depend on (dependencies and optional dependencies
 * that are installed; peers are the host's business), resolved the way Node resolves them at run time.
 * @throws Error naming a required dependency that is not installed.
 */
function productionClosure(roots) {
  const seen = new Set();
  const queue = roots.map((name) => ({ name, from: repo, optional: false }));
  while (queue.length > 0) {
    const { name, from, optional } = queue.shift();
    const dir = packageDir(name, from);
    if (!dir) {
      if (optional) continue;
      throw new Error(`${name} (needed from ${path.relative(repo, from) || "."}) is not installed: run npm ci`);
    }
    if (seen.has(dir)) continue;
    seen.add(dir);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) queue.push({ name: dep, from: dir, optional: true });
  }
  return [...seen];
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: repo, stdio: ["ignore", 2, 2], ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${res.status ?? res.signal}`);
}

/** Lays the plugin out in `stage` (emptied first). */
function stagePlugin(stage, pkg) {
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  const entry = path.join(repo, "dist", "provider", "plugin", "main.js");
  if (!fs.existsSync(entry)) throw new Error(`${path.relative(repo, entry)} is missing: build first (npm run build)`);
  for (const part of ["provider", "sdk"]) {
    fs.cpSync(path.join(repo, "dist", part), path.join(stage, "dist", part), {
      recursive: true,
      filter: (src) => !src.endsWith(".map") && !src.endsWith(".d.ts"),
    });
  }
  fs.copyFileSync(path.join(repo, "bin", "pulumi-resource-aigc"), path.join(stage, "pulumi-resource-aigc"));
  fs.chmodSync(path.join(stage, "pulumi-resource-aigc"), 0o755);
  const pulumiVersion = JSON.parse(
    fs.readFileSync(path.join(repo, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
  ).version;
  const manifest = {
    name: pkg.name,
    version: pkg.version,
    description: "The aigc Pulumi provider plugin (pulumi-resource-aigc)",
    license: pkg.license,
    private: true,
    dependencies: { ...pkg.dependencies, "@pulumi/pulumi": pulumiVersion },
  };
  fs.writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const dirs = productionClosure(Object.keys(manifest.dependencies));
  for (const dir of dirs) {
    fs.cpSync(dir, path.join(stage, path.relative(repo, dir)), {
      recursive: true,
      // A package's own nested node_modules are copied as packages of the closure, when they are in it.
      filter: (src) => src === dir || !path.relative(dir, src).split(path.sep).includes("node_modules"),
    });
  }
  return dirs.length;
}

function main(argv) {
  const outIdx = argv.indexOf("--out");
  const out = path.resolve(outIdx === -1 ? path.join(repo, ".pulumi-aigc", "plugin") : argv[outIdx + 1]);
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
  const started = Date.now();
  const stage = path.join(out, "stage");
  const packages = stagePlugin(stage, pkg);
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch] ?? process.arch;
  const tarball = path.join(out, `pulumi-resource-aigc-v${pkg.version}-${process.platform}-${arch}.tar.gz`);
  run("tar", ["-czf", tarball, "-C", stage, "."]);
  fs.rmSync(stage, { recursive: true, force: true });
  const mb = (fs.statSync(tarball).size / 1024 / 1024).toFixed(1);
  const took = ((Date.now() - started) / 1000).toFixed(1);
  log(`${path.relative(repo, tarball)}: ${mb} MB (${packages} packages) in ${took}s`);
  log(`install: pulumi plugin install resource aigc ${pkg.version} --file ${tarball}`);
  // The SDKs, when the schema work's generator is here (it builds Pulumi's codegen once per machine: needs Go).
  const sdks = path.join(repo, "scripts", "gen-sdks.js");
  if (!argv.includes("--no-sdks") && fs.existsSync(sdks))
    run(process.execPath, [sdks, "--out", path.join(out, "sdks")]);
  process.stdout.write(`${tarball}\n`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  log(`error: ${err.message}`);
  process.exit(1);
}

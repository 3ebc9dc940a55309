#!/usr/bin/env node
// Writes the aigc package schema (from the kinds' declarations, dist/provider/schema) and the Node.js, Python and
// Go SDKs generated from it by Pulumi's codegen (toolchain/sdk-gen.sh builds the generator once per machine):
//
//   node scripts/gen-sdks.js [--out dist/sdks] [--langs nodejs,python,go]
//
// Output: <out>/schema.json and <out>/{nodejs,python,go}/. Needs the build (`node scripts/setup.js`) and Go.
"use strict";

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");
const LANGS = ["nodejs", "python", "go"];
/** The Pulumi version the toolchain builds (toolchain/pulumi-cli.sh): the Go SDK's sdk/v3 dependency. */
const PULUMI_VERSION = "3.248.0";

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** The schema, as the plugin serves it (GetSchema), at the package's version. */
function writeSchema(out) {
  const compiled = path.join(repo, "dist/provider/schema/package-schema.js");
  if (!fs.existsSync(compiled)) throw new Error(`${compiled} is missing: run \`node scripts/setup.js\` first`);
  const { version } = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
  const schema = require(compiled).packageSchema(version);
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, "schema.json");
  fs.writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  return file;
}

/**
 * The Go SDK's module file (the codegen writes packages only): its path is the schema's Go importBasePath less
 * the package directory, on the Pulumi Go SDK of the CLI's version. `go mod tidy` completes it.
 */
function writeGoModule(dir, schema) {
  const base = JSON.parse(fs.readFileSync(schema, "utf8")).language.go.importBasePath;
  const mod = base.slice(0, base.lastIndexOf("/"));
  const text = `module ${mod}\n\ngo 1.25.11\n\nrequire github.com/pulumi/pulumi/sdk/v3 v${PULUMI_VERSION}\n`;
  fs.writeFileSync(path.join(dir, "go.mod"), text);
}

/**
 * The Python SDK's distribution metadata, as `pip install` would write it: a generated SDK reads its own version
 * at import (`importlib.metadata.version("pulumi_aigc")` in _utilities.py), so without it the SDK cannot be used
 * straight from PYTHONPATH (where pip cannot reach PyPI: docs/python.md).
 */
function writePythonDistInfo(dir, schema) {
  const { version, language } = JSON.parse(fs.readFileSync(schema, "utf8"));
  // PEP 440 spelling of the semver prereleases the codegen knows (pkg/codegen/python PypiVersion).
  const pep440 = version
    .replace(/-alpha\.(\d+)$/, "a$1")
    .replace(/-beta\.(\d+)$/, "b$1")
    .replace(/-rc\.(\d+)$/, "rc$1");
  const name = language.python.packageName;
  const info = path.join(dir, `${name}-${pep440}.dist-info`);
  fs.mkdirSync(info, { recursive: true });
  fs.writeFileSync(path.join(info, "METADATA"), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${pep440}\n`);
  fs.writeFileSync(path.join(info, "top_level.txt"), `${name}\n`);
}

function main() {
  const out = path.resolve(repo, arg("--out", "dist/sdks"));
  const langs = arg("--langs", LANGS.join(",")).split(",");
  for (const l of langs) if (!LANGS.includes(l)) throw new Error(`unknown language ${l} (${LANGS.join(", ")})`);
  const schema = writeSchema(out);
  const tool = execFileSync("bash", [path.join(repo, "toolchain/sdk-gen.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  const started = Date.now();
  execFileSync(tool, ["check", schema], { stdio: "inherit" });
  for (const lang of langs) execFileSync(tool, [lang, schema, path.join(out, lang)], { stdio: "inherit" });
  if (langs.includes("go")) writeGoModule(path.join(out, "go"), schema);
  if (langs.includes("python")) writePythonDistInfo(path.join(out, "python"), schema);
  process.stderr.write(`[gen-sdks] ${langs.join(", ")} in ${out} (${Date.now() - started} ms)\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`[gen-sdks] error: ${err.message}\n`);
  process.exit(1);
}

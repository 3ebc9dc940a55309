#!/usr/bin/env node
// Removes compiled files from dist/ whose source is no longer part of the build (deleted, renamed or
// excluded from tsconfig.json). tsc never deletes outputs, so without this a removed module keeps working
// from dist/ in tests, and `npm pack` would ship it. Run after every build (scripts/setup.js, npm run build).
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const OUTPUT = /(\.d\.ts|\.js)(\.map)?$/;

/** The outputs tsc writes for the build's sources: `x.ts` gives x.js, x.d.ts and their maps. */
function expectedOutputs(ts, repo, config) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(repo, config),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  const { rootDir, outDir } = parsed.options;
  const expected = new Set();
  const sources = parsed.fileNames;
  for (const file of parsed.fileNames) {
    if (!file.endsWith(".ts") || file.endsWith(".d.ts")) continue;
    const base = path.join(outDir, path.relative(rootDir, file)).slice(0, -".ts".length);
    for (const ext of [".js", ".js.map", ".d.ts", ".d.ts.map"]) expected.add(base + ext);
  }
  return { outDir, expected, sources };
}

/** Deletes stale outputs under outDir (other files, such as dist/docs or the build info, are left alone). */
function pruneDist(repo, config = "tsconfig.json") {
  const ts = require(require.resolve("typescript", { paths: [repo] }));
  const { outDir, expected } = expectedOutputs(ts, repo, config);
  const removed = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (p === path.join(outDir, "docs")) continue; // TypeDoc's output (npm run docs)
        walk(p);
        if (fs.readdirSync(p).length === 0) fs.rmdirSync(p);
      } else if (OUTPUT.test(entry.name) && !expected.has(p)) {
        fs.rmSync(p, { force: true });
        removed.push(path.relative(repo, p));
      }
    }
  };
  walk(outDir);
  return removed;
}

/**
 * A digest of everything the build reads: tsconfig.json, the installed packages (the lockfile stamp of
 * node_modules), and each source's path, size and modification time. Equal digests and no missing output
 * (missingOutputs): a build would change nothing.
 */
function buildDigest(repo, config = "tsconfig.json") {
  const ts = require(require.resolve("typescript", { paths: [repo] }));
  const { sources } = expectedOutputs(ts, repo, config);
  const hash = crypto.createHash("sha256");
  const add = (...parts) => hash.update(`${parts.join("\t")}\n`);
  const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "-");
  add(config, read(path.join(repo, config)));
  add("deps", read(path.join(repo, "node_modules", ".pulumi-aigc-lock.sha256")));
  for (const file of [...sources].sort()) {
    const st = fs.statSync(file);
    add(path.relative(repo, file), st.size, st.mtimeMs);
  }
  return hash.digest("hex");
}

/** The compiled `.js` files the build should have written and dist/ lacks (e.g. deleted by hand). */
function missingOutputs(repo, config = "tsconfig.json") {
  const ts = require(require.resolve("typescript", { paths: [repo] }));
  const { expected } = expectedOutputs(ts, repo, config);
  return [...expected].filter((f) => f.endsWith(".js") && !fs.existsSync(f));
}

module.exports = { pruneDist, buildDigest, missingOutputs };

if (require.main === module) {
  const removed = pruneDist(path.resolve(__dirname, ".."));
  if (removed.length > 0) process.stderr.write(`[prune-dist] removed ${removed.length} stale file(s) from dist/\n`);
}

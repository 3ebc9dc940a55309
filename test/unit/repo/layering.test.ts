// The test suites and the benchmarks share the harness (harness/) and nothing else: neither test/ nor bench/
// imports the other, or runs the other's compiled programs, and the harness depends on neither.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const repo = path.resolve(__dirname, "..", "..", "..");

/** Which top-level folders each folder must not depend on. */
const FORBIDDEN: Record<string, string[]> = {
  bench: ["test"],
  test: ["bench"],
  harness: ["test", "bench"],
};

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;
const DIST_PATH = /["'`](?:\.\/)?dist\/([\w-]+)\//g;

/** The dependencies of one source file that break FORBIDDEN, as `file: reason` lines. */
function violations(file: string, text: string): string[] {
  const folder = path.relative(repo, file).split(path.sep)[0]!;
  const banned = FORBIDDEN[folder] ?? [];
  const found: string[] = [];
  for (const [, spec] of text.matchAll(SPECIFIER)) {
    if (!spec!.startsWith(".")) continue;
    const target = path.relative(repo, path.resolve(path.dirname(file), spec!)).split(path.sep)[0]!;
    if (banned.includes(target)) found.push(`${path.relative(repo, file)}: imports ${spec} (${target}/)`);
  }
  for (const [, top] of text.matchAll(DIST_PATH)) {
    if (banned.includes(top!)) found.push(`${path.relative(repo, file)}: runs dist/${top}/`);
  }
  return found;
}

function sources(dir: string): string[] {
  return (fs.readdirSync(path.join(repo, dir), { recursive: true }) as string[])
    .filter((f) => /\.(ts|js|cjs|mjs)$/.test(f) && !f.split(path.sep).includes("node_modules"))
    .map((f) => path.join(repo, dir, f));
}

describe("layering of test/, bench/ and harness/", () => {
  it("finds no dependency between test/ and bench/, and none from harness/ on either", () => {
    const found = Object.keys(FORBIDDEN)
      .flatMap(sources)
      .filter((f) => f !== __filename) // its own examples below are strings, not dependencies
      .flatMap((f) => violations(f, fs.readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });

  it("would report each kind of dependency", () => {
    const inBench = path.join(repo, "bench", "x.ts");
    expect(violations(inBench, 'import { a } from "../test/support/a";')).toEqual([
      "bench/x.ts: imports ../test/support/a (test/)",
    ]);
    expect(violations(inBench, 'const p = { program: "dist/test/fixtures/p.js" };')).toEqual([
      "bench/x.ts: runs dist/test/",
    ]);
    const inTest = path.join(repo, "test", "e2e", "y.test.ts");
    expect(violations(inTest, 'const d = await import("../../bench/drills");')).toEqual([
      "test/e2e/y.test.ts: imports ../../bench/drills (bench/)",
    ]);
    const inHarness = path.join(repo, "harness", "z.ts");
    expect(violations(inHarness, 'require("../test/support/emulator")')).toHaveLength(1);
    expect(violations(inHarness, 'import "../sdk"; import { b } from "./b";')).toEqual([]);
  });
});

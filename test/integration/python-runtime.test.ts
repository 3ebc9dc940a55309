// scripts/python-runtime.js making the stand-in Python host's runtime beside a CLI bin directory: the Pulumi Python
// SDK from the Go module cache, the compat modules the interpreter needs, the interpreter, the exec script; then
// found current by its stamp. The real module cache and Debian's python3 (as on every machine of this repository).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repo = path.resolve(__dirname, "..", "..");
const { ensurePythonRuntime } = createRequire(__filename)("../../scripts/python-runtime.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "python-runtime-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function binWith(host: string): string {
  const bin = path.join(tmp, host, "pulumi-v3.248.0", "bin");
  fs.mkdirSync(bin, { recursive: true });
  const text =
    host === "stand-in"
      ? fs.readFileSync(path.join(repo, "toolchain", "pulumi-language-python-shim.js"), "utf8")
      : "#!/bin/sh\necho 'the Go Python host'\n";
  fs.writeFileSync(path.join(bin, "pulumi-language-python"), text, { mode: 0o755 });
  return bin;
}

describe("scripts/python-runtime.js", () => {
  it("makes the runtime beside the stand-in host once, with what the interpreter lacks, and imports the SDK", () => {
    const logs: string[] = [];
    const bin = binWith("stand-in");
    const dir = ensurePythonRuntime(bin, (m: string) => logs.push(m));
    expect(dir).toBe(path.join(tmp, "stand-in", "pulumi-v3.248.0", "python-runtime"));
    expect(logs.join("\n")).toMatch(/python runtime ready/);
    const python = fs.readFileSync(path.join(dir, "interpreter"), "utf8").trim();
    const site = path.join(dir, "site");
    const out = execFileSync(python, ["-c", "import pulumi, pulumi.runtime, parver, semver; print(pulumi.__file__)"], {
      encoding: "utf8",
      env: { ...process.env, PYTHONPATH: site },
    });
    expect(out.trim()).toBe(path.join(site, "pulumi", "__init__.py"));
    expect(fs.readFileSync(path.join(dir, "pulumi-language-python-exec"), "utf8")).toContain("--root_directory");
    // Current: the stamp matches, nothing is made again.
    const again: string[] = [];
    expect(ensurePythonRuntime(bin, (m: string) => again.push(m))).toBe(dir);
    expect(again).toEqual([]);
  }, 120_000);

  it("makes nothing beside a real Python host (it runs the user's own SDK)", () => {
    const bin = binWith("real");
    expect(ensurePythonRuntime(bin, () => {})).toBeUndefined();
    expect(fs.existsSync(path.join(bin, "..", "python-runtime"))).toBe(false);
  });
});

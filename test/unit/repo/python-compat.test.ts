// toolchain/python-compat/: the modules the Python runtime adds where Debian's packages are older than the Pulumi
// Python SDK 3.248.0 wants (semver 2 lacks `Version`), or missing (parver, opentelemetry). Run by the interpreter
// the runtime uses (Debian's python3 with its python3-semver and python3-packaging).
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const compat = path.resolve(__dirname, "..", "..", "..", "toolchain", "python-compat");

const CHECKS = `import json, sys
import semver, parver, opentelemetry.context as ctx, opentelemetry.sdk.trace as sdk_trace
out = {"semver_file": semver.__file__, "semver": str(semver.Version.parse("1.2.3-alpha.1"))}
v = parver.Version.parse("3.1.0rc2")
out["parver"] = [list(v.release), v.pre_tag, v.pre, v.dev, v.local]
d = parver.Version.parse("0.4.0.dev7+g1")
out["parver_dev"] = [d.dev, d.local]
token = ctx.attach(ctx.get_current())
ctx.detach(token)
try:
    sdk_trace.TracerProvider()
except RuntimeError as e:
    out["tracing"] = str(e)
print(json.dumps(out))`;

describe("python compat modules", () => {
  it("give semver 2 the name Version, parse PEP 440 as parver does, and make tracing fail loudly", () => {
    const out = JSON.parse(
      execFileSync("/usr/bin/python3", ["-c", CHECKS], {
        encoding: "utf8",
        env: { ...process.env, PYTHONPATH: compat },
      }),
    );
    expect(out.semver).toBe("1.2.3-alpha.1");
    expect(out.semver_file).not.toContain(compat); // the interpreter's own semver, loaded in the compat module's place
    expect(out.parver).toEqual([[3, 1, 0], "rc", 2, null, null]);
    expect(out.parver_dev).toEqual([7, "g1"]);
    expect(out.tracing).toMatch(/tracing needs the real opentelemetry/);
  });
});

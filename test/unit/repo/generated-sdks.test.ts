// The SDKs generated from the package schema by Pulumi's own codegen (scripts/gen-sdks.js, toolchain/sdk-gen):
// the codegen binds and validates the schema (and refuses a broken one), the Go SDK builds against the Pulumi
// Go SDK of the CLI's version, the Node.js SDK type-checks and the Python SDK byte-compiles. Uses dist/ (the
// build) and Go; the first run on a machine compiles the generator and the Pulumi Go SDK (minutes:
// docs/development.md), later runs take seconds.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = path.resolve(__dirname, "..", "..", "..");
const GO_ENV = { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", CGO_ENABLED: "0" };
const SLOW = 900_000;

let out: string;
let tool: string;
beforeAll(() => {
  // Inside the repository (.pulumi-aigc/ is ignored), so that the Node SDK resolves @pulumi/pulumi.
  fs.mkdirSync(path.join(repo, ".pulumi-aigc"), { recursive: true });
  out = fs.mkdtempSync(path.join(repo, ".pulumi-aigc", "sdks-"));
  execFileSync("node", [path.join(repo, "scripts/gen-sdks.js"), "--out", out], { stdio: "pipe" });
  tool = execFileSync("bash", [path.join(repo, "toolchain/sdk-gen.sh")], { encoding: "utf8" }).trim();
}, SLOW);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string, env = process.env): { ok: boolean; output: string } {
  try {
    const output = execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { ok: true, output };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("the SDKs generated from the package schema", () => {
  it("writes the schema and the three SDKs", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(out, "schema.json"), "utf8"));
    expect(schema.name).toBe("aigc");
    expect(fs.existsSync(path.join(out, "nodejs", "tencent", "sceneAigcImageTask.ts"))).toBe(true);
    expect(fs.existsSync(path.join(out, "python", "pulumi_aigc", "alibaba", "production_job.py"))).toBe(true);
    expect(fs.existsSync(path.join(out, "go", "aigc", "tencent", "aigcSubject.go"))).toBe(true);
  });

  it("is bound and validated by Pulumi's schema package, which refuses a dangling type reference", () => {
    const schemaFile = path.join(out, "schema.json");
    expect(run(tool, ["check", schemaFile], out)).toMatchObject({ ok: true });
    const broken = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
    const task = broken.resources["aigc:tencent:SceneAigcImageTask"];
    task.inputProperties.sceneInfo = { $ref: "#/types/aigc:tencent:NoSuchType" };
    const brokenFile = path.join(out, "broken.json");
    fs.writeFileSync(brokenFile, JSON.stringify(broken));
    const r = run(tool, ["check", brokenFile], out);
    expect(r.ok).toBe(false);
    expect(r.output).toContain("NoSuchType");
  });

  it(
    "gives a Go SDK that builds against github.com/pulumi/pulumi/sdk/v3 v3.248.0",
    () => {
      const dir = path.join(out, "go");
      const tidy = run("go", ["mod", "tidy"], dir, GO_ENV);
      expect(tidy.output).not.toMatch(/error/i);
      expect(fs.readFileSync(path.join(dir, "go.mod"), "utf8")).toContain("github.com/pulumi/pulumi/sdk/v3 v3.248.0");
      // The CLI's build flags: the packages it shares with the CLI come from the Go build cache.
      const build = run("go", ["build", "-trimpath", "-tags", "osusergo,grpcnotrace", "./..."], dir, GO_ENV);
      expect(build).toEqual({ ok: true, output: "" });
    },
    SLOW,
  );

  it("gives a Node.js SDK that type-checks against the repository's @pulumi/pulumi", () => {
    const tsc = path.join(repo, "node_modules", "typescript", "bin", "tsc");
    const r = run("node", [tsc, "-p", path.join(out, "nodejs", "tsconfig.json"), "--noEmit"], out);
    expect(r).toEqual({ ok: true, output: "" });
  }, 120_000);

  it("gives a Python SDK that byte-compiles", () => {
    const dir = path.join(out, "python");
    const r = run("python3", ["-m", "compileall", "-q", "pulumi_aigc"], dir, {
      ...process.env,
      PYTHONPYCACHEPREFIX: path.join(out, "pycache"),
    });
    expect(r).toEqual({ ok: true, output: "" });
    const py = fs.readFileSync(path.join(dir, "pulumi_aigc", "tencent", "scene_aigc_image_task.py"), "utf8");
    expect(py).toContain("scene_info");
  });
});

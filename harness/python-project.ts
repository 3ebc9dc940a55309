// A Pulumi Python project declaring one resource of each kind through the `aigc` provider plugin, for the
// plugin's end-to-end tests: harness/programs/python/__main__.py (written as a user writes it, with the generated
// Python SDK), a Pulumi.yaml finding the plugin through `plugins.providers` (the repository's bin/, running dist/),
// and the Python SDK generated from the current schema into the project's sdk/ (scripts/gen-sdks.js). The Python
// language host and its runtime are the toolchain's (toolchain/pulumi-language-python-shim.js,
// scripts/python-runtime.js); the SDK reaches the program through PYTHONPATH (`pythonProgramEnv`).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./pulumi-workspace";

const PROGRAM_DIR = path.join(repoRoot, "harness", "programs", "python");

/** Writes the project into a new directory under `parent`; returns that directory. */
export function writePythonProject(parent: string, name: string): string {
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, `${name}-`));
  const project = {
    name,
    runtime: "python",
    plugins: { providers: [{ name: "aigc", path: path.join(repoRoot, "bin") }] },
  };
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `${JSON.stringify(project, null, 2)}\n`);
  fs.copyFileSync(path.join(PROGRAM_DIR, "__main__.py"), path.join(dir, "__main__.py"));
  const gen = [path.join(repoRoot, "scripts", "gen-sdks.js"), "--out", path.join(dir, "sdk"), "--langs", "python"];
  execFileSync(process.execPath, gen, { stdio: ["ignore", "ignore", "inherit"] });
  return dir;
}

/** Environment for CLI calls that run the project's program: its generated Python SDK on PYTHONPATH. */
export function pythonProgramEnv(projectDir: string): Record<string, string> {
  const sdk = path.join(projectDir, "sdk", "python");
  return { PYTHONPATH: [sdk, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
}

// The examples as a user gets them: a copy of the example's directory outside the repository, with the
// pulumi-aigc line of its package.json changed (to this repository or to a packed tarball), `npm install`,
// then the real CLI. Also the probe that counts the copies of @pulumi/pulumi each Node process loaded.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../harness";

const run = promisify(execFile);

/** The repository's examples directory. */
export const examplesDir = path.join(repoRoot, "examples");

/** The Pulumi programs among the examples (the others are sdk scripts and the CI pipeline). */
export const PULUMI_EXAMPLES = [
  "aigc-subject",
  "scene-aigc-image-task",
  "ai-image-job",
  "txt2img-inference-job",
  "production-job",
  "media-pipeline",
] as const;

/** The sdk-only example scripts, each run by `npm start`. */
export const SDK_EXAMPLES = ["sdk-tencent", "sdk-alibaba"] as const;

/** What the tests read of an example's package.json. */
export interface ExamplePackage {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** An example's package.json, as committed. */
export function examplePackage(name: string): ExamplePackage {
  return JSON.parse(fs.readFileSync(path.join(examplesDir, name, "package.json"), "utf8")) as ExamplePackage;
}

/** Files a user's copy never has: installs, lockfiles, stack settings and state. */
const NOT_COPIED = /^(node_modules|package-lock\.json|Pulumi\.[^.]+\.yaml|\.pulumi-aigc|bin)$/;

/**
 * Copies an example to `dest/<name>` the way a user copies it out of the repository, with its
 * `"pulumi-aigc": "file:../.."` line changed to `pulumiAigc` (`file:<repository>` or `file:<tarball>`).
 */
export function copyExample(name: string, dest: string, pulumiAigc: string): string {
  const target = path.join(dest, name);
  fs.cpSync(path.join(examplesDir, name), target, {
    recursive: true,
    filter: (src) => !NOT_COPIED.test(path.basename(src)),
  });
  const pkgFile = path.join(target, "package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as ExamplePackage;
  if (pkg.dependencies?.["pulumi-aigc"] !== "file:../..") {
    throw new Error(`examples/${name}/package.json: pulumi-aigc should be "file:../.." inside the repository`);
  }
  pkg.dependencies["pulumi-aigc"] = pulumiAigc;
  fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  return target;
}

/**
 * `npm install` in a project, as a user runs it (packages from the registry, the local npm cache first).
 * Returns how long it took.
 */
export async function npmInstall(dir: string): Promise<number> {
  const started = Date.now();
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd: dir,
    maxBuffer: 16 << 20,
  });
  return Date.now() - started;
}

/**
 * Gives `dir` the node_modules of `installed` (a symlink) instead of a second identical `npm install`. Throws
 * unless every package `dir` declares is declared by `installed` at the same version: the tree is then the
 * one npm would build for `dir`, give or take packages it does not use.
 */
export function shareInstall(dir: string, installed: string): void {
  const declared = (d: string) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(d, "package.json"), "utf8")) as ExamplePackage;
    return { ...pkg.dependencies, ...pkg.devDependencies };
  };
  const have = declared(installed);
  for (const [dep, version] of Object.entries(declared(dir))) {
    if (have[dep] !== version) {
      throw new Error(`${dir} wants ${dep}@${version}; the shared install has ${have[dep] ?? "nothing"}`);
    }
  }
  fs.symlinkSync(path.join(installed, "node_modules"), path.join(dir, "node_modules"), "dir");
}

/** One Node process of a probed run: its main module and the @pulumi/pulumi directories it loaded. */
export interface ProbedProcess {
  main: string;
  roots: string[];
}

/** A probe of the copies of @pulumi/pulumi loaded by the Node processes that get its `env`. */
export interface InstanceProbe {
  /** NODE_OPTIONS (loads the probe; Pulumi passes it to the language host, the program and the provider). */
  env: Record<string, string>;
  /** The processes that loaded @pulumi/pulumi at all, since the probe was created. */
  processes(): ProbedProcess[];
  close(): void;
}

/** Starts an @pulumi/pulumi instance probe (see test/support/pulumi-instances-probe.cjs). */
export function instanceProbe(): InstanceProbe {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-instances-"));
  const script = path.join(__dirname, "pulumi-instances-probe.cjs");
  return {
    env: {
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${script}`].filter(Boolean).join(" "),
      PULUMI_AIGC_PROBE_DIR: dir,
    },
    processes: () =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as ProbedProcess)
        .filter((p) => p.roots.length > 0),
    close: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

// The package as npm would publish it: `npm pack` (its prepack builds), the tarball installed into a fresh
// TypeScript Pulumi project in a temp dir (the media-pipeline example copied out of the repository with its
// pulumi-aigc line changed to the tarball; every other package from the npm registry, local cache first),
// the emulator started from the installed package's own CLI, then preview, up and destroy with the real CLI.
// Nothing is transpile-only here: the runtime type-checks the program as it would for a user.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, type EmulatorEndpoint, repoRoot, submissions } from "../../harness";
import { copyExample, instanceProbe, npmInstall } from "../support/example-projects";

const run = promisify(execFile);

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: Array<{ path: string }>;
}

let work: string;
let packed: PackResult;
let project: string;
let emulator: ChildProcess | undefined;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "aigc-packed-"));
  const pack = await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: repoRoot, maxBuffer: 16 << 20 });
  packed = (JSON.parse(pack.stdout) as PackResult[])[0]!;
  process.stderr.write(
    `[packed] ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ` +
      `${packed.entryCount} files\n`,
  );
  project = copyExample("media-pipeline", work, `file:${path.join(work, packed.filename)}`);
  const ms = await npmInstall(project);
  process.stderr.write(`[packed] npm install of the fresh project: ${(ms / 1000).toFixed(1)} s\n`);
});
afterAll(() => {
  emulator?.kill("SIGTERM");
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("holds the built library, its emulator and nothing else", () => {
    const files = packed.files.map((f) => f.path).sort();
    const outside = files.filter((f) => !/^dist\/(provider|sdk|emulator)\//.test(f));
    expect(outside).toEqual(["LICENSE", "README.md", "package.json"]);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    // prepack built it from today's sources: every module has its source, none is left over from an old build.
    const sourceless = files
      .filter((f) => f.endsWith(".js"))
      .filter((f) => !fs.existsSync(path.join(repoRoot, f.replace(/^dist\//, "").replace(/\.js$/, ".ts"))));
    expect(sourceless).toEqual([]);
    // Everything the build puts into dist/emulator (its CLI, and whatever it serves) ships.
    const built = (fs.readdirSync(path.join(repoRoot, "dist", "emulator"), { recursive: true }) as string[])
      .filter((f) => /\.(js|d\.ts)$/.test(f))
      .map((f) => `dist/emulator/${f}`);
    expect(built.filter((f) => !files.includes(f))).toEqual([]);
    expect(files).toContain("dist/emulator/cli.js");
  });

  it("has the size docs/development.md states (within 25%)", () => {
    const doc = fs.readFileSync(path.join(repoRoot, "docs", "development.md"), "utf8");
    // kB as npm prints them (1000 bytes).
    const m = /tarball: about (\d+) kB packed, (\d+) files/.exec(doc);
    expect(m, "docs/development.md states the tarball's size").not.toBeNull();
    expect(packed.size / 1000 / Number(m![1])).toBeGreaterThan(0.75);
    expect(packed.size / 1000 / Number(m![1])).toBeLessThan(1.25);
    expect(packed.entryCount / Number(m![2])).toBeGreaterThan(0.75);
    expect(packed.entryCount / Number(m![2])).toBeLessThan(1.25);
  });

  it("installs into a fresh project with one @pulumi/pulumi; its types check under the project tsconfig", async () => {
    const copies: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const p = path.join(dir, entry.name);
        if (fs.existsSync(path.join(p, "package.json")) && p.endsWith(`${path.sep}@pulumi${path.sep}pulumi`))
          copies.push(p);
        walk(p);
      }
    };
    walk(path.join(project, "node_modules"));
    expect(copies).toEqual([path.join(project, "node_modules", "@pulumi", "pulumi")]);
    expect(fs.lstatSync(path.join(project, "node_modules", "pulumi-aigc")).isSymbolicLink()).toBe(false);
    // The user's own `tsc`: strict, no skipLibCheck; pulumi-aigc's declarations and what they reach included.
    await run(path.join(project, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "."], { cwd: project });
  });

  it("names its own command in the emulator's --help", async () => {
    const bin = path.join(project, "node_modules", ".bin", "pulumi-aigc-emulator");
    const { stdout } = await run(bin, ["--help"], { cwd: project });
    expect(stdout).toMatch(/^usage: pulumi-aigc-emulator \[flags\]/);
  });

  it("runs preview, up and destroy against the emulator from its own CLI", async () => {
    const emu = await startPackagedEmulator(project);
    const probe = instanceProbe();
    // Its types were checked by tsc above: the runs transpile only, as examples.test.ts's do.
    const env = { ...probe.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
    const t = await createAigcStack("packed", emu, { projectDir: project, env });
    try {
      expect((await t.stack.preview()).changeSummary).toEqual({ create: 8 });
      const up = await t.stack.up();
      expect(up.summary.result).toBe("succeeded");
      expect(up.outputs.videoCoverJobId?.value).toMatch(/^[0-9a-f]{32}$/);
      expect(Object.values(await submissions(emu)).reduce((a, b) => a + b, 0)).toBe(7);
      expect((await t.stack.preview()).changeSummary).toEqual({ same: 8 });
      expect((await t.stack.destroy()).summary.resourceChanges).toEqual({ delete: 8 });
      // One runtime: the program and the provider ran on the project's @pulumi/pulumi.
      const installed = fs.realpathSync(path.join(project, "node_modules", "@pulumi", "pulumi"));
      const processes = probe.processes();
      expect(processes.length).toBeGreaterThanOrEqual(2);
      for (const p of processes) expect(p.roots).toEqual([installed]);
    } finally {
      await t.cleanup();
      probe.close();
    }
  });
});

/** Starts `pulumi-aigc-emulator` from the project's node_modules/.bin; its demo credentials from the package. */
async function startPackagedEmulator(dir: string): Promise<EmulatorEndpoint> {
  const bin = path.join(dir, "node_modules", ".bin", "pulumi-aigc-emulator");
  const child = spawn(bin, ["--port", "0", "--latency", "300"], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
  emulator = child;
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the packaged emulator exited (${code}): ${out}`)));
  });
  const { DEMO_CREDENTIALS } = createRequire(path.join(dir, "index.ts"))("pulumi-aigc/emulator") as {
    DEMO_CREDENTIALS: EmulatorEndpoint["credentials"];
  };
  return { url, credentials: DEMO_CREDENTIALS };
}

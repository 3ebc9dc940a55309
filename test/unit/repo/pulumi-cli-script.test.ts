// toolchain/pulumi-cli.sh on machines with and without a regular Pulumi install. The installs are fakes
// (shell scripts that answer `version`), so no Go build and no real CLI run is involved: what is checked is
// which directory the script picks and what it writes into its cache.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const repo = path.resolve(__dirname, "..", "..", "..");
const script = path.join(repo, "toolchain", "pulumi-cli.sh");
const shim = path.join(repo, "toolchain", "pulumi-language-nodejs-shim.js");
const STAND_IN_MARKER = "Stand-in for Pulumi's Go language host";

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-script-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function executable(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o755 });
}

/** A directory that looks like a Pulumi install: `pulumi version` prints `version`; a Go-like language host. */
function fakeInstall(dir: string, opts: { version?: string; dynamicPlugin?: boolean; host?: string } = {}): string {
  executable(path.join(dir, "pulumi"), `#!/bin/sh\n[ "$1" = version ] && echo ${opts.version ?? "v3.248.0"}\n`);
  executable(path.join(dir, "pulumi-language-nodejs"), opts.host ?? "#!/bin/sh\necho 'the Go language host'\n");
  if (opts.dynamicPlugin ?? true) executable(path.join(dir, "pulumi-resource-pulumi-nodejs"), "#!/bin/sh\n");
  return dir;
}

/** A cache that was already built by an earlier run on a machine without a regular install (with the stand-in). */
function builtCache(cacheRoot: string): string {
  const bin = path.join(cacheRoot, "pulumi-v3.248.0", "bin");
  fakeInstall(bin, { host: fs.readFileSync(shim, "utf8") });
  return bin;
}

/** Runs the script; returns the printed bin dir (its only stdout line) and its progress messages. */
function pick(pathDirs: string[], cacheRoot: string): { bin: string; log: string } {
  const logFile = path.join(tmp, "stderr.log");
  const stderr = fs.openSync(logFile, "w");
  try {
    const out = execFileSync("bash", [script], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", stderr],
      env: {
        ...process.env,
        PATH: [...pathDirs, "/usr/bin", "/bin"].join(":"),
        PULUMI_AIGC_CACHE: cacheRoot,
        PULUMI_AIGC_NO_PATH_CLI: "",
        PULUMI_AIGC_LANGHOST: "",
      },
    });
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(1);
    return { bin: lines[0]!, log: fs.readFileSync(logFile, "utf8") };
  } finally {
    fs.closeSync(stderr);
  }
}

/** Every file under `dir` that is the stand-in. */
function standIns(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => fs.readFileSync(f, "utf8").includes(STAND_IN_MARKER));
}

describe("toolchain/pulumi-cli.sh", () => {
  it("uses a regular install on PATH as is and writes nothing into its cache", () => {
    const regular = fakeInstall(path.join(tmp, "opt", "pulumi"));
    const cache = path.join(tmp, "cache");
    const { bin, log } = pick([regular], cache);
    expect(bin).toBe(regular);
    expect(log).toMatch(/using the regular install of pulumi v3\.248\.0/);
    expect(fs.existsSync(cache)).toBe(false);
  });

  it("follows a symlinked `pulumi` to the install it belongs to", () => {
    const regular = fakeInstall(path.join(tmp, "opt", "pulumi"));
    const usrLocalBin = path.join(tmp, "usr-local-bin");
    fs.mkdirSync(usrLocalBin);
    fs.symlinkSync(path.join(regular, "pulumi"), path.join(usrLocalBin, "pulumi"));
    expect(pick([usrLocalBin], path.join(tmp, "cache")).bin).toBe(regular);
  });

  it("prefers a regular install even when the cache, with the stand-in, comes first on PATH", () => {
    const cache = path.join(tmp, "cache");
    const cacheBin = builtCache(cache);
    const regular = fakeInstall(path.join(tmp, "opt", "pulumi"));
    expect(pick([cacheBin, regular], cache).bin).toBe(regular);
  });

  it("completes a regular install that lacks the dynamic-provider plugin without the stand-in", () => {
    const regular = fakeInstall(path.join(tmp, "opt", "pulumi"), { dynamicPlugin: false });
    const cache = path.join(tmp, "cache");
    const { bin } = pick([regular], cache);
    expect(bin).toBe(path.join(cache, "pulumi-v3.248.0", "regular-install", "bin"));
    expect(fs.realpathSync(path.join(bin, "pulumi"))).toBe(path.join(regular, "pulumi"));
    expect(fs.realpathSync(path.join(bin, "pulumi-language-nodejs"))).toBe(
      path.join(regular, "pulumi-language-nodejs"),
    );
    expect(fs.readFileSync(path.join(bin, "pulumi-resource-pulumi-nodejs"), "utf8")).toBe(
      fs.readFileSync(path.join(repo, "node_modules", "@pulumi", "pulumi", "pulumi-resource-pulumi-nodejs"), "utf8"),
    );
    expect(fs.existsSync(path.join(cache, "pulumi-v3.248.0", "bin"))).toBe(false);
    expect(standIns(cache)).toEqual([]);
    // The view is stable: a second run (with the view itself first on PATH) picks the same directory.
    expect(pick([bin, regular], cache).bin).toBe(bin);
  });

  it("does not count another version, or an install whose language host is the stand-in, as regular", () => {
    const cache = path.join(tmp, "cache");
    const cacheBin = builtCache(cache);
    const newer = fakeInstall(path.join(tmp, "newer"), { version: "v3.270.0" });
    const copiedCache = fakeInstall(path.join(tmp, "copied-cache"), { host: fs.readFileSync(shim, "utf8") });
    const { bin, log } = pick([copiedCache, newer], cache);
    expect(bin).toBe(cacheBin);
    expect(log).not.toMatch(/regular install/);
  });

  it("gives a built cache the stand-in Python host with its gRPC modules, and leaves a real Python host alone", () => {
    const cache = path.join(tmp, "cache");
    const cacheBin = builtCache(cache);
    pick([], cache);
    const host = fs.readFileSync(path.join(cacheBin, "pulumi-language-python"), "utf8");
    expect(host).toContain(`${STAND_IN_MARKER} \`pulumi-language-python\``);
    expect(fs.existsSync(path.join(cacheBin, "language-host-server.js"))).toBe(true);
    const modules = path.join(cache, "pulumi-v3.248.0", "langhost-node", "node_modules");
    for (const file of ["@pulumi/pulumi/proto/language_grpc_pb.js", "@grpc/grpc-js/package.json", "google-protobuf"]) {
      expect(fs.existsSync(path.join(modules, file))).toBe(true);
    }
    const real = "#!/bin/sh\necho 'the Go Python host'\n";
    executable(path.join(cacheBin, "pulumi-language-python"), real);
    pick([], cache);
    expect(fs.readFileSync(path.join(cacheBin, "pulumi-language-python"), "utf8")).toBe(real);
  });
});

// The plugin tarball (`npm run plugin`, scripts/build-plugin.js): `pulumi plugin install resource aigc <version>
// --file <tarball>` accepts it, and the installed plugin starts from the plugin cache alone (its own dist and
// production node_modules, nothing from this checkout) and serves the engine's protocol.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliBinDir, repoRoot } from "../../harness";

const version = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version as string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-aigc-plugin-package-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Starts `exe` as the engine does and resolves with the first line it prints (its port); then stops it. */
function firstLine(exe: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // cwd outside the repository: nothing may resolve from this checkout's node_modules.
    const child = spawn(exe, [], { cwd: tmp, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) child.kill("SIGTERM");
    });
    child.on("exit", () => {
      clearTimeout(timer);
      out.includes("\n") ? resolve(out.split("\n")[0]!) : reject(new Error(`no port line; stderr: ${err}`));
    });
  });
}

describe("plugin tarball", () => {
  it("builds, installs with `pulumi plugin install --file` and starts from the plugin cache", async () => {
    const tarball = execFileSync(
      process.execPath,
      [path.join(repoRoot, "scripts", "build-plugin.js"), "--out", tmp, "--no-sdks"],
      {
        encoding: "utf8",
      },
    ).trim();
    expect(path.basename(tarball)).toMatch(new RegExp(`^pulumi-resource-aigc-v${version}-`));
    const home = path.join(tmp, "home");
    const env = { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" };
    const pulumi = path.join(cliBinDir(), "pulumi");
    execFileSync(pulumi, ["plugin", "install", "resource", "aigc", version, "--file", tarball], { env });
    const listed = execFileSync(pulumi, ["plugin", "ls", "--json"], { env, encoding: "utf8" });
    expect(JSON.parse(listed)).toEqual([expect.objectContaining({ name: "aigc", kind: "resource", version })]);
    const exe = path.join(home, "plugins", `resource-aigc-v${version}`, "pulumi-resource-aigc");
    expect(await firstLine(exe)).toMatch(/^\d+$/);
  });
});

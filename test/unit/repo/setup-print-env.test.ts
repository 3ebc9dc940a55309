// `eval "$(node scripts/setup.js --print-env)"` needs stdout to hold only `export` lines, also on the run
// that installs. The real setup.js runs in a scratch copy of the repository layout whose `npm` and `tsc` are
// stand-ins that print to stdout the way the real ones do ("added N packages").
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const setupScript = path.resolve(__dirname, "..", "..", "..", "scripts", "setup.js");

let repo: string;
beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "setup-print-env-"));
  fs.mkdirSync(path.join(repo, "scripts"));
  for (const script of ["setup.js", "prune-dist.js"]) {
    fs.copyFileSync(path.join(path.dirname(setupScript), script), path.join(repo, "scripts", script));
  }
  fs.writeFileSync(path.join(repo, "package-lock.json"), '{"lockfileVersion":3}\n');
  fs.writeFileSync(path.join(repo, "tsconfig.json"), '{"compilerOptions":{"rootDir":".","outDir":"dist"}}\n');
  // `npm ci` stand-in: creates node_modules (the real TypeScript API, with a tsc that only talks on stdout)
  // and reports like npm.
  const tsc = 'process.stdout.write("tsc: nothing to report\\n");\n';
  const api = `module.exports = require(${JSON.stringify(require.resolve("typescript"))});\n`;
  fs.mkdirSync(path.join(repo, "bin"));
  fs.writeFileSync(
    path.join(repo, "bin", "npm"),
    [
      "#!/bin/sh",
      'mkdir -p node_modules/typescript/bin && echo "$0 $*" > npm-args.txt',
      `printf '%s' '${tsc}' > node_modules/typescript/bin/tsc`,
      `printf '%s' '${api}' > node_modules/typescript/index.js`,
      'echo "added 354 packages in 50s"',
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

function printEnv(): { stdout: string; stderr: string } {
  const stderrFile = path.join(repo, "stderr.txt");
  const fd = fs.openSync(stderrFile, "w");
  try {
    const stdout = execFileSync(
      process.execPath,
      [path.join(repo, "scripts", "setup.js"), "--skip-cli", "--print-env"],
      {
        cwd: repo,
        encoding: "utf8",
        stdio: ["ignore", "pipe", fd],
        env: { ...process.env, PATH: `${path.join(repo, "bin")}:${process.env.PATH}` },
      },
    );
    return { stdout, stderr: fs.readFileSync(stderrFile, "utf8") };
  } finally {
    fs.closeSync(fd);
  }
}

describe("node scripts/setup.js --print-env", () => {
  it("prints only export lines on stdout when it has to run npm ci and the build", () => {
    const { stdout, stderr } = printEnv();
    expect(fs.readFileSync(path.join(repo, "npm-args.txt"), "utf8")).toMatch(/ ci /);
    const lines = stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^export [A-Z_]+=".*"$/);
    // What the children printed is not lost: it went to stderr.
    expect(stderr).toContain("added 354 packages in 50s");
    expect(stderr).toContain("tsc: nothing to report");
  });

  it("evaluates in a shell to the environment it describes", () => {
    const { stdout } = printEnv();
    const pathInShell = execFileSync("sh", ["-c", `${stdout}\nprintf '%s' "$PATH"`], { encoding: "utf8" });
    expect(pathInShell.split(":")).toContain(path.join(repo, "node_modules", ".bin"));
  });
});

// The folders table of the README's development section names exactly the repository's top-level folders.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const repo = path.resolve(__dirname, "..", "..");

describe("README, development section", () => {
  it("has one row per top-level folder of the tree", () => {
    const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
      cwd: repo,
      encoding: "utf8",
    }).split("\n");
    const folders = new Set(tracked.filter((f) => f.includes("/") && !f.startsWith(".")).map((f) => f.split("/")[0]));
    const readme = fs.readFileSync(path.join(repo, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Development"));
    const rows = [...section.matchAll(/^\| `([\w-]+)\/` +\|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual([...folders].sort());
  });
});

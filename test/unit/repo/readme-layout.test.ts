// The README is a five-minute read that links to the guides in docs/; the guides stay true to the code they
// describe: the folders table names the repository's folders, the sdk guide every error class, the resources
// guide every scene type. (The README's program itself runs in test/e2e/examples.test.ts.)
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../../harness";
import * as errors from "../../../sdk/core/errors";
import { DEPRECATED_SCENE_TYPES, SCENE_TYPES } from "../../../sdk/tencent/models";
import { quickStartEmulatorConfig, quickStartProgram, readme } from "../../support/readme";

const doc = (name: string) => fs.readFileSync(path.join(repoRoot, "docs", name), "utf8");
/** The guides the README must link: every docs/*.md (vendor notes are the code's, not the user's). */
const guides = fs.readdirSync(path.join(repoRoot, "docs")).filter((f) => f.endsWith(".md"));
/** Relative link targets of a markdown text, without their #fragments. */
const relativeLinks = (text: string) =>
  [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));

describe("README", () => {
  it("is short: a five-minute read", () => {
    expect(readme().split("\n").length).toBeLessThanOrEqual(200);
  });

  it("links every guide in docs/, and every relative link of the README and the guides resolves", () => {
    const text = readme();
    for (const g of guides.filter((g) => g !== "ledger-location.md")) expect(text, g).toContain(`(docs/${g})`);
    for (const link of relativeLinks(text)) {
      expect(fs.existsSync(path.join(repoRoot, link)), link).toBe(true);
    }
    for (const g of guides) {
      for (const link of relativeLinks(doc(g))) {
        expect(fs.existsSync(path.join(repoRoot, "docs", link)), `${g}: ${link}`).toBe(true);
      }
    }
  });

  it("has a complete program of about 15 lines and the config that runs it on the emulator", () => {
    const lines = quickStartProgram().trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines[0]).toMatch(/^import .* from "pulumi-aigc";$/);
    expect(Object.keys(quickStartEmulatorConfig()).sort()).toEqual([
      "aigc:endpoint",
      "aigc:tencentSecretId",
      "aigc:tencentSecretKey",
    ]);
  });
});

describe("docs/development.md", () => {
  it("has one row per top-level folder of the tree in its folders table", () => {
    const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
      cwd: repoRoot,
      encoding: "utf8",
    }).split("\n");
    const folders = new Set(tracked.filter((f) => f.includes("/") && !f.startsWith(".")).map((f) => f.split("/")[0]));
    const rows = [...doc("development.md").matchAll(/^\| `([\w-]+)\/` +\|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual([...folders].sort());
  });
});

describe("docs/sdk.md and docs/resources.md", () => {
  it("names every error class the sdk throws", () => {
    const classes = Object.entries(errors)
      .filter(([, v]) => typeof v === "function" && (v === errors.AigcError || v.prototype instanceof errors.AigcError))
      .map(([name]) => name);
    expect(classes).toContain("RequestValidationError");
    const text = doc("sdk.md");
    for (const name of classes) expect(text, name).toContain(`\`${name}\``);
  });

  it("lists every scene type of the sdk's types", () => {
    const text = doc("resources.md");
    const types = [...SCENE_TYPES, ...DEPRECATED_SCENE_TYPES];
    expect(types).toHaveLength(8);
    for (const type of types) expect(text, type).toContain(`\`${type}\``);
  });
});

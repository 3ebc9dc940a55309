// The examples are projects a user can copy: their own package.json (pulumi-aigc as a file: dependency on
// this repository, the toolchain versions the repository itself uses), TypeScript run by the Pulumi runtime
// (no compiled index.js next to it), and a row in examples/README.md. test/e2e/examples.test.ts runs them.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ExamplePackage,
  examplePackage,
  examplesDir,
  PULUMI_EXAMPLES,
  SDK_EXAMPLES,
} from "../../support/example-projects";

const repo = path.resolve(__dirname, "..", "..", "..");
const root = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as ExamplePackage & {
  peerDependencies: Record<string, string>;
};
const files = (dir: string) =>
  (fs.readdirSync(path.join(examplesDir, dir), { recursive: true }) as string[]).filter(
    (f) => !f.split(path.sep).includes("node_modules"),
  );

describe("examples/", () => {
  it("has exactly the Pulumi programs, the sdk scripts and the CI pipeline", () => {
    const dirs = fs.readdirSync(examplesDir, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(dirs.map((d) => d.name).sort()).toEqual([...PULUMI_EXAMPLES, ...SDK_EXAMPLES, "ci-pipeline"].sort());
  });

  for (const name of [...PULUMI_EXAMPLES, ...SDK_EXAMPLES]) {
    it(`${name} is a standalone TypeScript project depending on this repository`, () => {
      const pkg = examplePackage(name);
      expect(pkg.dependencies?.["pulumi-aigc"]).toBe("file:../..");
      const linked = JSON.parse(fs.readFileSync(path.join(examplesDir, name, "..", "..", "package.json"), "utf8"));
      expect(linked.name).toBe("pulumi-aigc");
      // The versions the repository builds and tests with.
      for (const dep of ["typescript", "ts-node", "@types/node"]) {
        expect(pkg.devDependencies?.[dep], dep).toBe(root.devDependencies?.[dep]);
      }
      expect(fs.readFileSync(path.join(examplesDir, name, ".npmrc"), "utf8")).toMatch(/^install-links=true$/m);
      expect(fs.existsSync(path.join(examplesDir, name, "tsconfig.json"))).toBe(true);
      expect(files(name).filter((f) => /\.js$/.test(f))).toEqual([]);
      expect(files(name).filter((f) => f.endsWith(".ts"))).toHaveLength(1);
    });
  }

  for (const name of PULUMI_EXAMPLES) {
    it(`${name} is a Pulumi project run from index.ts by the runtime's TypeScript support`, () => {
      const pkg = examplePackage(name);
      expect(pkg.dependencies?.["@pulumi/pulumi"]).toBe(root.devDependencies?.["@pulumi/pulumi"]);
      const yaml = fs.readFileSync(path.join(examplesDir, name, "Pulumi.yaml"), "utf8");
      expect(yaml).toMatch(/^runtime: nodejs$/m);
      expect(yaml).not.toMatch(/typescript|^main:/m);
      expect(fs.existsSync(path.join(examplesDir, name, "index.ts"))).toBe(true);
    });
  }

  it("lists every example in the table of examples/README.md", () => {
    const readme = fs.readFileSync(path.join(examplesDir, "README.md"), "utf8");
    for (const name of [...PULUMI_EXAMPLES, ...SDK_EXAMPLES, "ci-pipeline"]) {
      expect(readme, name).toMatch(new RegExp(`^\\| \\[\`${name}/\`\\]\\(${name}/\\)`, "m"));
    }
  });

  it("is where the root demo's program lives", () => {
    const yaml = fs.readFileSync(path.join(repo, "Pulumi.yaml"), "utf8");
    expect(yaml).toMatch(/^main: examples\/media-pipeline\/$/m);
  });
});

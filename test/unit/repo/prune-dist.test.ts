// scripts/prune-dist.js: after a build, dist/ holds the outputs of the build's sources and nothing else it
// compiled earlier, so a deleted module can neither keep a test green nor be packed.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const { pruneDist } = createRequire(__filename)("../../../scripts/prune-dist.js") as {
  pruneDist(repo: string, config?: string): string[];
};

let repo: string;
const write = (rel: string, text = "") => {
  fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
  fs.writeFileSync(path.join(repo, rel), text);
};
beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "prune-dist-"));
  // The TypeScript of this repository, as the scratch project's own.
  write(
    "node_modules/typescript/index.js",
    `module.exports = require(${JSON.stringify(require.resolve("typescript"))});`,
  );
  write(
    "tsconfig.json",
    JSON.stringify({
      compilerOptions: { rootDir: ".", outDir: "dist" },
      include: ["src/*.ts"],
      exclude: ["**/*.test.ts"],
    }),
  );
  write("src/kept.ts");
  write("src/kept.test.ts");
  write("src/old/excluded.ts"); // exists, but outside the build since the include changed
  for (const ext of [".js", ".js.map", ".d.ts", ".d.ts.map"]) {
    write(`dist/src/kept${ext}`);
    write(`dist/src/removed${ext}`);
    write(`dist/src/old/excluded${ext}`);
  }
  write("dist/docs/index.js"); // TypeDoc's output
  write("dist/.tsbuildinfo");
  write("dist/src/notes.txt");
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

describe("prune-dist", () => {
  it("removes the outputs of sources that left the build and keeps everything else", () => {
    const removed = pruneDist(repo).sort();
    expect(removed).toEqual(
      [".d.ts", ".d.ts.map", ".js", ".js.map"]
        .flatMap((ext) => [`dist/src/old/excluded${ext}`, `dist/src/removed${ext}`])
        .sort(),
    );
    const left = (fs.readdirSync(path.join(repo, "dist"), { recursive: true }) as string[]).sort();
    expect(left).toEqual(
      [
        ".tsbuildinfo",
        "docs",
        "docs/index.js",
        "src",
        "src/kept.d.ts",
        "src/kept.d.ts.map",
        "src/kept.js",
        "src/kept.js.map",
        "src/notes.txt",
      ].sort(),
    );
    expect(pruneDist(repo)).toEqual([]);
  });
});

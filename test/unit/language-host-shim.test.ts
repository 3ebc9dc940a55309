import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The stand-in language host is plain CommonJS (it runs before any build); load it the way node does.
const { splitArgs, parseOptions } = createRequire(__filename)("../../scripts/pulumi-language-nodejs-shim.js");

const struct = (obj: Record<string, unknown>) => ({ toJavaScript: () => obj });

describe("language host stand-in", () => {
  it("splits nodeargs like a shell, keeping quoted words whole", () => {
    expect(splitArgs(`--max-old-space-size=4096 --require "./a b.js" '--x y'`)).toEqual([
      "--max-old-space-size=4096",
      "--require",
      "./a b.js",
      "--x y",
    ]);
    expect(splitArgs("")).toEqual([]);
  });

  it("defaults typescript to true like the Go host and validates option types", () => {
    expect(parseOptions(undefined)).toEqual({ typescript: true, nodeargs: "", tsconfig: "" });
    expect(parseOptions(struct({ typescript: false, nodeargs: "--inspect" }))).toEqual({
      typescript: false,
      nodeargs: "--inspect",
      tsconfig: "",
    });
    expect(() => parseOptions(struct({ typescript: "no" }))).toThrow(/typescript option must be a boolean/);
    expect(() => parseOptions(struct({ tsconfig: 3 }))).toThrow(/tsconfig option must be a string/);
  });
});

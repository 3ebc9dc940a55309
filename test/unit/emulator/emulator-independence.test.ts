// The emulator judges the sdk: it must not import the sdk's schemas, signers or clients. Only the wire
// constants both sides agree on by definition (API versions) may be shared.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..", "..");
const ALLOWED = new Set(["sdk/wire-constants"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier a file imports or re-exports, resolved against the repository root when relative. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [
    ...text.matchAll(/(?:import|export)[^;]*?from\s+"([^"]+)"/g),
    ...text.matchAll(/import\("([^"]+)"\)/g),
  ];
  return specs.map((m) => {
    const spec = m[1]!;
    return spec.startsWith(".") ? relative(root, join(file, "..", spec)) : spec;
  });
}

describe("the emulator is independent of the sdk", () => {
  it("imports nothing from sdk/ but its wire constants", () => {
    const offending = sources(join(root, "emulator")).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith("sdk/") || spec.startsWith("pulumi-aigc/sdk") || spec === "sdk")
        .filter((spec) => !ALLOWED.has(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it("the check sees the imports it must catch", () => {
    // Guards the regular expression above against silently matching nothing.
    const spec = importsOf(join(root, "emulator", "tencent", "tencent-api.ts"));
    expect(spec).toContain("sdk/wire-constants");
  });
});

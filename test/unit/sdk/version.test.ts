import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { SDK_USER_AGENT, SDK_VERSION } from "../../../sdk/core/version";

it("sends the package's own version as its user agent", () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8"));
  expect(SDK_VERSION).toBe(pkg.version);
  expect(SDK_USER_AGENT).toBe(`pulumi-aigc/${pkg.version}`);
});

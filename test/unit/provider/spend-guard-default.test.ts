// The spend guard's cap when `aigc:maxSubmissionsPerUpdate` is not set, and how a set value is read. The e2e
// (test/e2e/spend-guard.test.ts) drives the guard with a small cap; the default is this number.
import { describe, expect, it } from "vitest";
import { withConfig } from "../../../provider/runtime/provider-config";
import { maxSubmissionsPerUpdate } from "../../../provider/runtime/spend-guard";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("aigc:maxSubmissionsPerUpdate", () => {
  it("is 100 when not set, as docs/configuration.md says", () => {
    expect(withConfig(config({}), maxSubmissionsPerUpdate)).toBe(100);
  });

  it("takes a whole number of 0 or more and names the key, the rule and the value otherwise", () => {
    expect(withConfig(config({ "aigc:maxSubmissionsPerUpdate": "0" }), maxSubmissionsPerUpdate)).toBe(0);
    expect(withConfig(config({ "aigc:maxSubmissionsPerUpdate": "250" }), maxSubmissionsPerUpdate)).toBe(250);
    for (const bad of ["-1", "2.5", "many"]) {
      expect(() => withConfig(config({ "aigc:maxSubmissionsPerUpdate": bad }), maxSubmissionsPerUpdate)).toThrow(
        `aigc:maxSubmissionsPerUpdate must be a whole number of 0 or more (got "${bad}")`,
      );
    }
  });
});

// Adversarial review (issue 20): what the plugin's CheckConfig says about a refused value. Its failures are
// printed by the engine (console, CI logs) as they are.
import { describe, expect, it } from "vitest";
import { checkConfig } from "../../../provider/plugin/plugin-config";

describe("review: CheckConfig failures and credentials", () => {
  // FIXED (was low: a credential in logs). An endpoint written with user info or a token in its query (a proxy's
  // `https://user:password@host`, a gateway's `?token=`) is refused, and the refusal quotes the whole value
  // (plugin-config.ts `checkConfig` → sdk/core/endpoint.ts `parseEndpoint`'s "(got …)"): the password reaches the
  // engine's output. The ledger's refusals redact theirs (ledger-location.ts `redactUrl`); endpoints do not.
  // Expected: the rule and the key are named, the password and the query are not.
  it("a refused endpoint's password and query token are not echoed", () => {
    const failures = checkConfig({
      endpoint: "ftp://proxy-user:hunter2-pw@emulator.internal:8080",
      tencentVodEndpoint: "https://proxy-user:hunter2-pw@vod.example.com/x?token=tok-51b7",
    });
    expect(failures.map((f) => f.property)).toEqual(["endpoint", "tencentVodEndpoint"]);
    const said = failures.map((f) => f.reason).join("\n");
    expect(said).not.toMatch(/hunter2-pw|tok-51b7/);
  });
});

// The sdk's public surface is deliberate: every error class and every request/response schema is public; the
// machinery (signers, buckets, batcher, pipeline, action descriptors, validation helpers) is only internal.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import * as alibabaAiContentActions from "../../../sdk/alibaba/aicontent/actions";
import * as alibabaIceActions from "../../../sdk/alibaba/ice/actions";
import * as alibabaVodActions from "../../../sdk/alibaba/vod/actions";
import * as errors from "../../../sdk/core/errors";
import * as sdk from "../../../sdk/index";
import * as internal from "../../../sdk/internal";
import * as tencentActions from "../../../sdk/tencent/actions";

const publicNames = new Set(Object.keys(sdk));

describe("pulumi-aigc/sdk", () => {
  it("exports every error class", () => {
    const classes = Object.entries(errors).filter(
      ([, v]) => typeof v === "function" && (v === errors.AigcError || v.prototype instanceof errors.AigcError),
    );
    expect(classes.length).toBeGreaterThan(10);
    for (const [name] of classes) expect(publicNames, name).toContain(name);
  });

  it("exports every request and response schema, and no action descriptor", () => {
    const modules = [tencentActions, alibabaVodActions, alibabaIceActions, alibabaAiContentActions];
    for (const mod of modules) {
      for (const [name, value] of Object.entries(mod)) {
        const isDescriptor = typeof value === "object" && value !== null && "request" in value && "response" in value;
        if (/(Request|Response)$/.test(name)) expect(publicNames, name).toContain(name);
        if (isDescriptor) expect(publicNames, name).not.toContain(name);
      }
    }
  });

  it("keeps the machinery out", () => {
    for (const name of [
      "invoke",
      "signTc3",
      "signAcs3",
      "signRpcV1",
      "percentEncode",
      "TokenBucket",
      "sharedRateLimiters",
      "KeyedBatcher",
      "executeWithRetry",
      "pollUntilDone",
      "parseRequest",
      "toValidationIssues",
      "jsonStringField",
      "redactSecrets",
      "Tc3Protocol",
      "RoaProtocol",
      "AlibabaCaller",
    ]) {
      expect(publicNames, name).not.toContain(name);
    }
  });
});

describe("pulumi-aigc/sdk/internal", () => {
  it("has the machinery, and only the machinery", () => {
    for (const name of ["invoke", "signTc3", "signAcs3", "signRpcV1", "TokenBucket", "KeyedBatcher", "parseRequest"]) {
      expect(Object.keys(internal), name).toContain(name);
    }
    const both = Object.keys(internal).filter((n) => publicNames.has(n));
    expect(both).toEqual([]);
  });

  it("is an entry point of the package", () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "../../../package.json"), "utf8"));
    expect(pkg.exports["./sdk/internal"]).toEqual({
      types: "./dist/sdk/internal.d.ts",
      default: "./dist/sdk/internal.js",
    });
  });
});

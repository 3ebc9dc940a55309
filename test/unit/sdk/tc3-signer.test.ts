import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { signTc3 } from "../../../sdk/tencent/tc3-signer";

interface Vector {
  id: string;
  input: {
    secretId: string;
    secretKey: string;
    timestamp: number;
    host: string;
    service: string;
    action: string | null;
    contentType: string;
    signedHeaders: string;
    payload: string;
  };
  expected: Record<string, string>;
}

const { vectors } = JSON.parse(readFileSync(join(__dirname, "../../fixtures/vectors/tc3-vectors.json"), "utf8")) as {
  vectors: Vector[];
};

describe("TC3-HMAC-SHA256 signer", () => {
  it("has all 11 published vectors to check", () => {
    expect(vectors).toHaveLength(11);
  });

  for (const v of vectors) {
    it(`reproduces vector ${v.id}`, () => {
      const extra = v.input.signedHeaders.includes("x-tc-action") ? { "x-tc-action": v.input.action ?? "" } : undefined;
      const sig = signTc3({
        secretId: v.input.secretId,
        secretKey: v.input.secretKey,
        timestamp: v.input.timestamp,
        service: v.input.service,
        host: v.input.host,
        contentType: v.input.contentType,
        payload: Buffer.from(v.input.payload, "utf8"),
        extraSignedHeaders: extra,
      });
      expect(sig.hashedPayload).toBe(v.expected.hashedPayload);
      expect(sig.canonicalRequest).toBe(v.expected.canonicalRequest);
      expect(sig.credentialScope).toBe(v.expected.credentialScope);
      expect(sig.stringToSign).toBe(v.expected.stringToSign);
      expect(sig.signature).toBe(v.expected.signature);
      expect(sig.authorization).toBe(v.expected.authorization);
    });
  }

  it("uses the UTC date around midnight, not local time", () => {
    const base = {
      secretId: "id",
      secretKey: "k",
      service: "vod",
      host: "vod.tencentcloudapi.com",
      contentType: "application/json",
      payload: "{}",
    };
    expect(signTc3({ ...base, timestamp: 1735689599 }).credentialScope).toBe("2024-12-31/vod/tc3_request");
    expect(signTc3({ ...base, timestamp: 1735689600 }).credentialScope).toBe("2025-01-01/vod/tc3_request");
  });
});

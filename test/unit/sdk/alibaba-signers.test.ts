import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { signAcs3 } from "../../../sdk/alibaba/acs3-signer";
import { percentEncode } from "../../../sdk/alibaba/percent-encode";
import { signRpcV1 } from "../../../sdk/alibaba/rpc-v1-signer";

const vectors = JSON.parse(readFileSync(join(__dirname, "../../fixtures/vectors/alibaba-sign-vectors.json"), "utf8"));

describe("Alibaba percent-encoding", () => {
  it("encodes per RFC 3986 with upper-case hex", () => {
    expect(percentEncode("a b*c~d/é!'()")).toBe("a%20b%2Ac~d%2F%C3%A9%21%27%28%29");
  });
});

describe("RPC signature v1 (HMAC-SHA1)", () => {
  it("has the 6 vectors", () => expect(vectors.rpc_v1_hmac_sha1).toHaveLength(6));
  for (const v of vectors.rpc_v1_hmac_sha1) {
    it(`reproduces ${v.id}`, () => {
      const sig = signRpcV1(v.inputs.http_method, v.inputs.params, v.inputs.access_key_secret);
      expect(sig.canonicalizedQueryString).toBe(v.outputs.canonicalized_query_string);
      expect(sig.stringToSign).toBe(v.outputs.string_to_sign);
      expect(sig.signature).toBe(v.outputs.signature);
    });
  }
});

describe("ACS3-HMAC-SHA256", () => {
  it("has the 6 vectors", () => expect(vectors.acs3_hmac_sha256).toHaveLength(6));
  for (const v of vectors.acs3_hmac_sha256) {
    it(`reproduces ${v.id}`, () => {
      const sig = signAcs3({
        method: v.inputs.http_method,
        pathname: v.inputs.pathname,
        query: v.inputs.query,
        headers: v.inputs.headers,
        body: v.inputs.body,
        accessKeyId: v.inputs.access_key_id,
        accessKeySecret: v.inputs.access_key_secret,
      });
      expect(sig.hashedPayload).toBe(v.outputs.hashed_request_payload);
      expect(sig.canonicalQuery).toBe(v.outputs.canonical_query_string);
      expect(sig.canonicalHeaders).toBe(v.outputs.canonical_headers);
      expect(sig.signedHeaders).toBe(v.outputs.signed_headers);
      expect(sig.canonicalRequest).toBe(v.outputs.canonical_request);
      expect(sig.stringToSign).toBe(v.outputs.string_to_sign);
      expect(sig.signature).toBe(v.outputs.signature);
      expect(sig.authorization).toBe(v.outputs.authorization);
    });
  }
});

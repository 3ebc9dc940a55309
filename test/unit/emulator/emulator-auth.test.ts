import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifyAcs3 } from "../../../emulator/auth/acs3-verifier";
import type { AuthResult, IncomingRequest, SecretLookup } from "../../../emulator/auth/incoming-request";
import { canonicalQueryString, parseQueryString, percentEncode } from "../../../emulator/auth/percent-encoding";
import { verifyRoaV1 } from "../../../emulator/auth/roa-v1-verifier";
import { verifyRpcV1 } from "../../../emulator/auth/rpc-v1-verifier";
import { verifyTc3 } from "../../../emulator/auth/tc3-verifier";

const vectorsDir = join(__dirname, "../../fixtures/vectors");

interface Tc3Vector {
  id: string;
  input: {
    secretId: string;
    secretKey: string;
    token?: string | null;
    timestamp: number;
    host: string;
    service: string;
    action: string | null;
    contentType: string;
    payload: string;
  };
  expected: { authorization: string };
}

interface RpcVector {
  id: string;
  inputs: { http_method: string; access_key_secret: string; params: Record<string, string> };
  outputs: { signature: string };
  wire?: { url: string; body?: string };
}

interface Acs3Vector {
  id: string;
  inputs: {
    http_method: string;
    pathname: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    body: string;
    access_key_id: string;
    access_key_secret: string;
  };
  outputs: { authorization: string };
  wire?: { url: string; body: string };
}

interface RoaVector {
  id: string;
  inputs: {
    http_method: string;
    pathname: string;
    headers: Record<string, string>;
    body: string;
    access_key_secret: string;
  };
  outputs: { authorization: string };
}

const tc3Vectors = (JSON.parse(readFileSync(join(vectorsDir, "tc3-vectors.json"), "utf8")) as { vectors: Tc3Vector[] })
  .vectors;
const alibaba = JSON.parse(readFileSync(join(vectorsDir, "alibaba-sign-vectors.json"), "utf8")) as {
  rpc_v1_hmac_sha1: RpcVector[];
  acs3_hmac_sha256: Acs3Vector[];
  roa_v1_hmac_sha1: RoaVector[];
};

/** The vector's parameters as received: the signed ones plus `Signature`. */
function rpcParams(v: RpcVector): Record<string, string> {
  return { ...v.inputs.params, Signature: v.outputs.signature };
}

/** A lookup that knows exactly one key. */
function lookupOf(keyId: string, secret: string, token?: string): SecretLookup {
  return (id) => (id === keyId ? { secret, token } : undefined);
}

function expectFailure(result: AuthResult, code: string, httpStatus?: number): void {
  expect(result.ok ? "ok" : result.code).toBe(code);
  if (!result.ok && httpStatus !== undefined) expect(result.httpStatus).toBe(httpStatus);
}

/** Splits a wire URL into pathname and raw query by hand: `new URL` would re-escape the query. */
function splitWireUrl(url: string): { pathname: string; rawQuery: string } {
  const m = /^[A-Za-z]+:\/\/[^/?]*([^?]*)(?:\?(.*))?$/.exec(url);
  if (m === null) throw new Error(`bad url ${url}`);
  return { pathname: m[1] || "/", rawQuery: m[2] ?? "" };
}

// ---------------------------------------------------------------- Tencent TC3

/** The host header as the client sent it: two vectors were captured with a port in the endpoint. */
const TC3_WIRE_HOST: Record<string, string> = {
  "vod-custom-port-endpoint": "vod.tencentcloudapi.com:8443",
  "vod-localhost-endpoint": "127.0.0.1:9000",
};

function tc3Request(v: Tc3Vector): IncomingRequest {
  const headers: Record<string, string> = {
    "content-type": v.input.contentType,
    host: TC3_WIRE_HOST[v.id] ?? v.input.host,
    "x-tc-timestamp": String(v.input.timestamp),
    authorization: v.expected.authorization,
  };
  if (v.input.action !== null) headers["x-tc-action"] = v.input.action;
  if (v.input.token) headers["x-tc-token"] = v.input.token;
  return { method: "POST", pathname: "/", rawQuery: "", headers, body: Buffer.from(v.input.payload, "utf8") };
}

function tc3Options(v: Tc3Vector, nowSeconds = v.input.timestamp) {
  return { lookup: lookupOf(v.input.secretId, v.input.secretKey, v.input.token ?? undefined), nowSeconds };
}

describe("TC3-HMAC-SHA256 verifier", () => {
  it("has all 11 vectors", () => expect(tc3Vectors).toHaveLength(11));

  for (const v of tc3Vectors) {
    it(`accepts ${v.id}`, () => {
      const result = verifyTc3(tc3Request(v), tc3Options(v));
      expect(result).toEqual({
        ok: true,
        accessKeyId: v.input.secretId,
        token: v.input.token ?? undefined,
        service: v.input.service,
      });
    });
  }

  const v = tc3Vectors.find((x) => x.id === "vod-cn-create-scene-aigc-image")!;
  const req = tc3Request(v);

  it("rejects one changed body byte, with HTTP 200 as Tencent answers auth errors", () => {
    const body = Buffer.from(req.body);
    body[5] = body[5]! ^ 1;
    const result = verifyTc3({ ...req, body }, tc3Options(v));
    expectFailure(result, "AuthFailure.SignatureFailure", 200);
  });

  it("rejects a changed header value", () => {
    const result = verifyTc3(
      { ...req, headers: { ...req.headers, "content-type": "application/json; charset=utf-8" } },
      tc3Options(v),
    );
    expectFailure(result, "AuthFailure.SignatureFailure");
  });

  it("rejects a timestamp 301 s away from now, in either direction", () => {
    expectFailure(verifyTc3(req, tc3Options(v, v.input.timestamp + 301)), "AuthFailure.SignatureExpire");
    expectFailure(verifyTc3(req, tc3Options(v, v.input.timestamp - 301)), "AuthFailure.SignatureExpire");
    expect(verifyTc3(req, tc3Options(v, v.input.timestamp + 300)).ok).toBe(true);
  });

  it("rejects an unknown SecretId", () => {
    expectFailure(
      verifyTc3(req, { lookup: () => undefined, nowSeconds: v.input.timestamp }),
      "AuthFailure.SecretIdNotFound",
    );
  });

  it("rejects a malformed Authorization header", () => {
    for (const authorization of [
      "garbage",
      v.expected.authorization.replace(", SignedHeaders", ",SignedHeaders"),
      v.expected.authorization.toUpperCase(),
      v.expected.authorization.slice(0, -1),
    ]) {
      expectFailure(
        verifyTc3({ ...req, headers: { ...req.headers, authorization } }, tc3Options(v)),
        "AuthFailure.InvalidAuthorization",
      );
    }
  });

  it("requires content-type and host among the signed headers", () => {
    const authorization = v.expected.authorization.replace("SignedHeaders=content-type;host", "SignedHeaders=host");
    expectFailure(
      verifyTc3({ ...req, headers: { ...req.headers, authorization } }, tc3Options(v)),
      "AuthFailure.InvalidAuthorization",
    );
  });

  it("rejects a scope date that is not the UTC date of the timestamp", () => {
    const authorization = v.expected.authorization.replace("/2026-01-01/", "/2025-12-31/");
    expectFailure(
      verifyTc3({ ...req, headers: { ...req.headers, authorization } }, tc3Options(v)),
      "AuthFailure.SignatureFailure",
    );
  });

  it("rejects a wrong or missing token for a temporary key", () => {
    const t = tc3Vectors.find((x) => x.id === "vod-intl-create-aigc-advanced-custom-element-token-lang")!;
    const treq = tc3Request(t);
    expectFailure(
      verifyTc3({ ...treq, headers: { ...treq.headers, "x-tc-token": "other" } }, tc3Options(t)),
      "AuthFailure.TokenFailure",
    );
    const { "x-tc-token": _dropped, ...withoutToken } = treq.headers;
    expectFailure(verifyTc3({ ...treq, headers: withoutToken }, tc3Options(t)), "AuthFailure.TokenFailure");
  });

  it("supports X-TC-Content-SHA256: UNSIGNED-PAYLOAD", () => {
    // No vector covers this mode (only the Go SDK uses it), so the test signs one request by hand.
    const sha = (s: string) => createHash("sha256").update(s).digest("hex");
    const hmac = (k: string | Buffer, s: string) => createHmac("sha256", k).update(s).digest();
    const ts = 1767225600;
    const canonical =
      "POST\n/\n\ncontent-type:application/json\nhost:vod.tencentcloudapi.com\n\ncontent-type;host\n" +
      sha("UNSIGNED-PAYLOAD");
    const sts = `TC3-HMAC-SHA256\n${ts}\n2026-01-01/vod/tc3_request\n${sha(canonical)}`;
    const sig = hmac(hmac(hmac(hmac("TC3sk", "2026-01-01"), "vod"), "tc3_request"), sts).toString("hex");
    const unsigned: IncomingRequest = {
      method: "POST",
      pathname: "/",
      rawQuery: "",
      headers: {
        "content-type": "application/json",
        host: "vod.tencentcloudapi.com",
        "x-tc-timestamp": String(ts),
        "x-tc-content-sha256": "UNSIGNED-PAYLOAD",
        authorization:
          "TC3-HMAC-SHA256 Credential=id/2026-01-01/vod/tc3_request, SignedHeaders=content-type;host, " +
          `Signature=${sig}`,
      },
      body: Buffer.from('{"any":"body"}'),
    };
    expect(verifyTc3(unsigned, { lookup: lookupOf("id", "sk"), nowSeconds: ts }).ok).toBe(true);
  });
});

// ---------------------------------------------------------------- Alibaba encoding

describe("Alibaba encoding helpers", () => {
  it("percent-encodes per RFC 3986 with upper-case hex", () => {
    expect(percentEncode("a b*c~d/é!'()")).toBe("a%20b%2Ac~d%2F%C3%A9%21%27%28%29");
  });

  it("decodes + as space and keeps a bare name as an empty value", () => {
    expect(parseQueryString("a=x+y&b&c=%2A*&&__proto__=1")).toEqual(
      Object.fromEntries([
        ["a", "x y"],
        ["b", ""],
        ["c", "**"],
        ["__proto__", "1"],
      ]),
    );
  });

  it("builds a sorted canonical query", () => {
    expect(canonicalQueryString({ b: "2", a: "x y*" })).toBe("a=x%20y%2A&b=2");
  });
});

// ---------------------------------------------------------------- Alibaba RPC v1

describe("RPC signature v1 verifier", () => {
  it("has the 6 vectors", () => expect(alibaba.rpc_v1_hmac_sha1).toHaveLength(6));

  for (const v of alibaba.rpc_v1_hmac_sha1) {
    const params = rpcParams(v);
    const opts = () => ({
      lookup: lookupOf(params.AccessKeyId!, v.inputs.access_key_secret, params.SecurityToken),
      nowMs: Date.parse(params.Timestamp!),
    });

    it(`accepts ${v.id}`, () => {
      expect(verifyRpcV1(v.inputs.http_method, params, opts())).toEqual({
        ok: true,
        accessKeyId: params.AccessKeyId,
        token: params.SecurityToken,
      });
    });

    if (v.wire) {
      it(`accepts ${v.id} decoded from the wire`, () => {
        const wireParams = {
          ...parseQueryString(splitWireUrl(v.wire!.url).rawQuery),
          ...parseQueryString(v.wire!.body ?? ""),
        };
        expect(verifyRpcV1(v.inputs.http_method, wireParams, opts()).ok).toBe(true);
      });
    }
  }

  const v = alibaba.rpc_v1_hmac_sha1.find((x) => x.id === "rpc-v1-vod-submitaiimagejob-post-form")!;
  const params = rpcParams(v);
  const nowMs = Date.parse(params.Timestamp!);
  const lookup = lookupOf(params.AccessKeyId!, v.inputs.access_key_secret);

  it("rejects a changed parameter and shows the server string to sign (never the secret)", () => {
    const result = verifyRpcV1("POST", { ...params, VideoId: "other" }, { lookup, nowMs });
    expectFailure(result, "SignatureDoesNotMatch", 400);
    if (!result.ok) {
      expect(result.message).toContain("Server string to sign is:POST&%2F&");
      expect(result.message).not.toContain(v.inputs.access_key_secret);
    }
  });

  it("rejects the wrong method", () => {
    expectFailure(verifyRpcV1("GET", params, { lookup, nowMs }), "SignatureDoesNotMatch");
  });

  it("rejects a timestamp outside ±15 minutes", () => {
    expectFailure(
      verifyRpcV1("POST", params, { lookup, nowMs: nowMs + 15 * 60_000 + 1000 }),
      "InvalidTimeStamp.Expired",
      400,
    );
    expect(verifyRpcV1("POST", params, { lookup, nowMs: nowMs - 15 * 60_000 }).ok).toBe(true);
  });

  it("rejects a badly formatted timestamp", () => {
    expectFailure(
      verifyRpcV1("POST", { ...params, Timestamp: "2025-01-02T03:04:05.000Z" }, { lookup, nowMs }),
      "InvalidTimeStamp.Format",
    );
    expectFailure(
      verifyRpcV1("POST", { ...params, Timestamp: "2025-02-30T03:04:05Z" }, { lookup, nowMs }),
      "InvalidTimeStamp.Format",
    );
  });

  it("reports missing parameters", () => {
    const { Timestamp: _t, ...noTimestamp } = params;
    expectFailure(verifyRpcV1("POST", noTimestamp, { lookup, nowMs }), "MissingParameter", 400);
    const { Signature: _s, ...noSignature } = params;
    expectFailure(verifyRpcV1("POST", noSignature, { lookup, nowMs }), "IncompleteSignature", 400);
    expectFailure(
      verifyRpcV1("POST", { ...params, SignatureMethod: "HMAC-SHA256" }, { lookup, nowMs }),
      "IncompleteSignature",
    );
  });

  it("rejects an unknown key with 404", () => {
    expectFailure(verifyRpcV1("POST", params, { lookup: () => undefined, nowMs }), "InvalidAccessKeyId.NotFound", 404);
  });

  it("rejects a replayed nonce", () => {
    const seen = new Set<string>();
    const nonceSeen = (k: string, n: string) => {
      const key = `${k}/${n}`;
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    };
    expect(verifyRpcV1("POST", params, { lookup, nowMs, nonceSeen }).ok).toBe(true);
    expectFailure(verifyRpcV1("POST", params, { lookup, nowMs, nonceSeen }), "SignatureNonceUsed", 400);
  });

  it("rejects an STS token that does not belong to the key", () => {
    const s = alibaba.rpc_v1_hmac_sha1.find((x) => x.id === "rpc-v1-ice-submitiproductionjob-sts-post-form")!;
    const sp = rpcParams(s);
    const result = verifyRpcV1("POST", sp, {
      lookup: lookupOf(sp.AccessKeyId!, s.inputs.access_key_secret, "another-token"),
      nowMs: Date.parse(sp.Timestamp!),
    });
    expectFailure(result, "InvalidSecurityToken.Malformed", 400);
  });
});

// ---------------------------------------------------------------- Alibaba ACS3

function acs3Request(v: Acs3Vector): IncomingRequest {
  const { pathname, rawQuery } = v.wire
    ? splitWireUrl(v.wire.url)
    : {
        pathname: v.inputs.pathname,
        rawQuery: Object.entries(v.inputs.query)
          .map(([k, val]) => `${percentEncode(k)}=${percentEncode(val)}`)
          .join("&"),
      };
  const headers: Record<string, string> = { authorization: v.outputs.authorization };
  for (const [name, value] of Object.entries(v.inputs.headers)) headers[name.toLowerCase()] = value;
  return {
    method: v.inputs.http_method,
    pathname,
    rawQuery,
    headers,
    body: Buffer.from(v.wire?.body ?? v.inputs.body, "utf8"),
  };
}

function acs3Options(v: Acs3Vector, extra: Partial<Parameters<typeof verifyAcs3>[1]> = {}) {
  const token = v.inputs.headers["x-acs-security-token"];
  return {
    lookup: lookupOf(v.inputs.access_key_id, v.inputs.access_key_secret, token),
    nowMs: Date.parse(v.inputs.headers["x-acs-date"]!),
    ...extra,
  };
}

describe("ACS3-HMAC-SHA256 verifier", () => {
  it("has the 6 vectors", () => expect(alibaba.acs3_hmac_sha256).toHaveLength(6));

  for (const v of alibaba.acs3_hmac_sha256) {
    it(`accepts ${v.id}`, () => {
      const result = verifyAcs3(acs3Request(v), acs3Options(v));
      expect(result).toEqual({
        ok: true,
        accessKeyId: v.inputs.access_key_id,
        token: v.inputs.headers["x-acs-security-token"],
      });
    });
  }

  it("accepts `*` left literal on the wire (signed as %2A)", () => {
    const v = alibaba.acs3_hmac_sha256.find((x) => x.id === "acs3-vod-submitaiimagejob")!;
    const req = acs3Request(v);
    expect(req.rawQuery).toContain("y*1");
    expect(verifyAcs3(req, acs3Options(v)).ok).toBe(true);
  });

  const v = alibaba.acs3_hmac_sha256.find((x) => x.id === "acs3-aicontent-personalizedtxt2img-addinferencejob")!;
  const req = acs3Request(v);

  it("rejects a changed body", () => {
    const body = Buffer.from(req.body);
    body[3] = body[3]! ^ 1;
    expectFailure(verifyAcs3({ ...req, body }, acs3Options(v)), "SignatureDoesNotMatch", 400);
  });

  it("rejects a changed signed header and shows the server string to sign", () => {
    const result = verifyAcs3(
      { ...req, headers: { ...req.headers, "x-acs-credentials-provider": "static_sts" } },
      acs3Options(v),
    );
    expectFailure(result, "SignatureDoesNotMatch", 400);
    if (!result.ok) {
      expect(result.message).toContain("Server string to sign is:ACS3-HMAC-SHA256\n");
      expect(result.message).not.toContain(v.inputs.access_key_secret);
    }
  });

  it("rejects a date outside ±15 minutes", () => {
    const nowMs = Date.parse(v.inputs.headers["x-acs-date"]!) + 16 * 60_000;
    expectFailure(verifyAcs3(req, acs3Options(v, { nowMs })), "InvalidTimeStamp.Expired", 400);
  });

  it("rejects a badly formatted date", () => {
    const headers = { ...req.headers, "x-acs-date": "Thu, 02 Jan 2025 03:04:11 GMT" };
    expectFailure(verifyAcs3({ ...req, headers }, acs3Options(v)), "InvalidTimeStamp.Format", 400);
  });

  it("rejects the same nonce the second time", () => {
    const seen = new Set<string>();
    const nonceSeen = (k: string, n: string) => {
      const key = `${k}/${n}`;
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    };
    expect(verifyAcs3(req, acs3Options(v, { nonceSeen })).ok).toBe(true);
    expectFailure(verifyAcs3(req, acs3Options(v, { nonceSeen })), "SignatureNonceUsed", 400);
  });

  it("rejects an unknown key with 404", () => {
    expectFailure(verifyAcs3(req, acs3Options(v, { lookup: () => undefined })), "InvalidAccessKeyId.NotFound", 404);
  });

  it("requires x-acs-action (and content-type with a body) among the signed headers", () => {
    for (const drop of ["x-acs-action;", "content-type;"]) {
      const authorization = v.outputs.authorization.replace(drop, "");
      expectFailure(
        verifyAcs3({ ...req, headers: { ...req.headers, authorization } }, acs3Options(v)),
        "IncompleteSignature",
        400,
      );
    }
  });

  it("rejects a malformed Authorization header", () => {
    for (const authorization of [
      "garbage",
      v.outputs.authorization.replace(",SignedHeaders", ", SignedHeaders"),
      `${v.outputs.authorization}0`,
    ]) {
      expectFailure(
        verifyAcs3({ ...req, headers: { ...req.headers, authorization } }, acs3Options(v)),
        "IncompleteSignature",
        400,
      );
    }
  });

  it("rejects an STS token that does not belong to the key", () => {
    const s = alibaba.acs3_hmac_sha256.find((x) => x.id === "acs3-ice-submitiproductionjob-sts")!;
    const result = verifyAcs3(
      acs3Request(s),
      acs3Options(s, { lookup: lookupOf(s.inputs.access_key_id, s.inputs.access_key_secret, "another-token") }),
    );
    expectFailure(result, "InvalidSecurityToken.Malformed", 400);
  });
});

// ---------------------------------------------------------------- Alibaba legacy ROA

describe("legacy ROA signature verifier", () => {
  it("has the 1 vector", () => expect(alibaba.roa_v1_hmac_sha1).toHaveLength(1));

  const v = alibaba.roa_v1_hmac_sha1[0]!;
  const keyId = /^acs ([^:]+):/.exec(v.outputs.authorization)![1]!;
  const req: IncomingRequest = {
    method: v.inputs.http_method,
    pathname: v.inputs.pathname,
    rawQuery: "",
    headers: { ...v.inputs.headers, authorization: v.outputs.authorization },
    body: Buffer.from(v.inputs.body, "utf8"),
  };
  const nowMs = Date.parse(v.inputs.headers.date!);
  const lookup = lookupOf(keyId, v.inputs.access_key_secret);

  it(`accepts ${v.id}`, () => {
    expect(verifyRoaV1(req, { lookup, nowMs })).toEqual({ ok: true, accessKeyId: keyId, token: undefined });
  });

  it("rejects a changed x-acs-* header", () => {
    const result = verifyRoaV1({ ...req, headers: { ...req.headers, "x-acs-action": "Other" } }, { lookup, nowMs });
    expectFailure(result, "SignatureDoesNotMatch", 400);
  });

  it("rejects a date outside ±15 minutes", () => {
    expectFailure(verifyRoaV1(req, { lookup, nowMs: nowMs - 16 * 60_000 }), "InvalidTimeStamp.Expired", 400);
  });

  it("rejects an unknown key and a malformed header", () => {
    expectFailure(verifyRoaV1(req, { lookup: () => undefined, nowMs }), "InvalidAccessKeyId.NotFound", 404);
    expectFailure(
      verifyRoaV1({ ...req, headers: { ...req.headers, authorization: "acs nocolon" } }, { lookup, nowMs }),
      "IncompleteSignature",
      400,
    );
  });
});

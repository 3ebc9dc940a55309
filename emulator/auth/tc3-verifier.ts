import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { AuthResult, IncomingRequest, SecretLookup } from "./incoming-request";
import { canonicalQueryString, parseQueryString } from "./percent-encoding";

/** Options for {@link verifyTc3}. `nowSeconds` is the emulator's clock, injected so tests can pin it. */
export interface Tc3VerifyOptions {
  lookup: SecretLookup;
  nowSeconds: number;
  /** Allowed distance between `X-TC-Timestamp` and now; Tencent allows 5 minutes. */
  maxSkewSeconds?: number;
}

const AUTHORIZATION = new RegExp(
  [
    "^TC3-HMAC-SHA256 Credential=([^/\\s,]+)/(\\d{4}-\\d{2}-\\d{2})/([^/\\s,]+)/tc3_request, ",
    "SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), Signature=([0-9a-f]{64})$",
  ].join(""),
);

const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

const SIGNATURE_FAILURE = "The provided credentials could not be validated. Please check your signature is correct.";

type Tc3Result = AuthResult & { service?: string };

/**
 * Verifies a TC3-HMAC-SHA256 signed request the way Tencent Cloud API 3.0 does
 * (docs/vendor-notes/tencent-vod.md, signing).
 * Every failure is reported with HTTP 200, as Tencent answers auth errors inside a normal envelope.
 * On success the result carries the service named in the credential scope.
 */
export function verifyTc3(req: IncomingRequest, opts: Tc3VerifyOptions): Tc3Result {
  const match = AUTHORIZATION.exec(req.headers.authorization ?? "");
  if (match === null) {
    return fail(
      "AuthFailure.InvalidAuthorization",
      "The Authorization header is malformed or does not follow the TC3-HMAC-SHA256 format.",
    );
  }
  const [, secretId = "", scopeDate = "", service = "", signedHeaders = "", signature = ""] = match;
  const signedNames = signedHeaders.split(";");
  if (!signedNames.includes("content-type") || !signedNames.includes("host")) {
    return fail("AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and host.");
  }

  const credential = opts.lookup(secretId);
  if (credential === undefined) {
    return fail(
      "AuthFailure.SecretIdNotFound",
      "The SecretId is not found, please ensure that your SecretId is correct.",
    );
  }

  const timestampText = req.headers["x-tc-timestamp"];
  if (timestampText === undefined)
    return fail("MissingParameter", "The request is missing a required parameter `X-TC-Timestamp`.");
  if (!/^\d{1,12}$/.test(timestampText))
    return fail("InvalidParameter", "The parameter `X-TC-Timestamp` must be Unix time in seconds.");
  const timestamp = Number(timestampText);
  if (Math.abs(opts.nowSeconds - timestamp) > (opts.maxSkewSeconds ?? 300)) {
    return fail(
      "AuthFailure.SignatureExpire",
      `Signature expired. Timestamp is ${timestamp}, server time is ${opts.nowSeconds}.`,
    );
  }
  // Real Tencent's code for this case is unverified; a wrong date can never produce a matching signature anyway.
  if (scopeDate !== new Date(timestamp * 1000).toISOString().slice(0, 10)) {
    return fail(
      "AuthFailure.SignatureFailure",
      "The credential scope date does not match the UTC date of X-TC-Timestamp.",
    );
  }

  let canonicalHeaders = "";
  for (const name of signedNames) {
    const value = req.headers[name];
    if (value === undefined)
      return fail("AuthFailure.SignatureFailure", `The signed header ${name} is missing from the request.`);
    canonicalHeaders += `${name}:${canonicalHeaderValue(name, value)}\n`;
  }
  const payloadHash =
    req.headers["x-tc-content-sha256"] === UNSIGNED_PAYLOAD ? sha256Hex(UNSIGNED_PAYLOAD) : sha256Hex(req.body);
  const method = req.method.toUpperCase();
  const canonicalRequest = [
    method,
    "/",
    // Tencent says "RFC 3986-encoded, upper-case hex"; re-encoding decoded values tolerates clients that
    // escape differently on the wire. GET is not used by this project's APIs.
    method === "GET" ? canonicalQueryString(parseQueryString(req.rawQuery)) : "",
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  // The service comes from the scope, not from our own host name: the Node SDK pointed at 127.0.0.1 signs "127".
  const scope = `${scopeDate}/${service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", timestampText, scope, sha256Hex(canonicalRequest)].join("\n");
  const kDate = hmac(`TC3${credential.secret}`, scopeDate);
  const kService = hmac(kDate, service);
  const kSigning = hmac(kService, "tc3_request");
  const expected = hmac(kSigning, stringToSign).toString("hex");
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return fail("AuthFailure.SignatureFailure", SIGNATURE_FAILURE);
  }

  // A key issued with a session token (temporary credentials) must present exactly that token.
  const token = req.headers["x-tc-token"];
  if (credential.token !== undefined && token !== credential.token) {
    return fail("AuthFailure.TokenFailure", "The provided token is invalid or does not belong to this SecretId.");
  }
  return { ok: true, accessKeyId: secretId, token, service };
}

/** Header values are signed trimmed and lower-cased; `host` without the port, as the SDK signs URL.hostname. */
function canonicalHeaderValue(name: string, value: string): string {
  const trimmed = value.trim().toLowerCase();
  return name === "host" ? trimmed.replace(/:\d+$/, "") : trimmed;
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

function fail(code: string, message: string): Tc3Result {
  return { ok: false, code, message, httpStatus: 200 };
}

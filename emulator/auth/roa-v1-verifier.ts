import { createHmac } from "node:crypto";
import type { AuthResult, IncomingRequest, SecretLookup } from "./incoming-request";
import { parseQueryString, percentDecode } from "./percent-encoding";
import { authFailure, sameText } from "./verifier-helpers";

/** Options for {@link verifyRoaV1}. `nowMs` is the emulator's clock, injected so tests can pin it. */
export interface RoaV1VerifyOptions {
  lookup: SecretLookup;
  nowMs: number;
  /** Allowed distance between the `date` header and now; 15 minutes as for the other Alibaba schemes. */
  maxSkewMs?: number;
}

const AUTHORIZATION = /^acs ([^:\s]+):([A-Za-z0-9+/]+={0,2})$/;

const DAY = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const RFC_1123_DATE = new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$`);

const DEFAULT_SKEW_MS = 15 * 60 * 1000;

/**
 * Verifies the legacy ROA signature `Authorization: acs <AccessKeyId>:<base64 HMAC-SHA1>`
 * (docs/vendor-notes/alibaba.md, signing).
 * This scheme covers neither the body nor a nonce, so only the date window limits replay.
 */
export function verifyRoaV1(req: IncomingRequest, opts: RoaV1VerifyOptions): AuthResult {
  const match = AUTHORIZATION.exec(req.headers.authorization ?? "");
  if (match === null)
    return authFailure("IncompleteSignature", "The request signature does not conform to Aliyun standards.", 400);
  const [, accessKeyId = "", signature = ""] = match;

  const credential = opts.lookup(accessKeyId);
  if (credential === undefined)
    return authFailure("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);

  const date = req.headers.date ?? "";
  const dateMs = RFC_1123_DATE.test(date) ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(dateMs))
    return authFailure("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.", 400);
  if (Math.abs(opts.nowMs - dateMs) > (opts.maxSkewMs ?? DEFAULT_SKEW_MS)) {
    return authFailure("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", 400);
  }

  const stringToSign = buildStringToSign(req);
  // The legacy ROA key is the bare secret, unlike RPC v1 which appends "&".
  const expected = createHmac("sha1", credential.secret).update(stringToSign, "utf8").digest("base64");
  if (!sameText(expected, signature)) {
    return authFailure(
      "SignatureDoesNotMatch",
      `Specified signature does not match our calculation. Server string to sign is:${stringToSign}`,
      400,
    );
  }

  // A key issued with an STS token must present exactly that token.
  const token = req.headers["x-acs-security-token"];
  if (credential.token !== undefined && token !== credential.token) {
    return authFailure(
      "InvalidSecurityToken.Malformed",
      "Specified SecurityToken is malformed or does not belong to this AccessKeyId.",
      400,
    );
  }
  return { ok: true, accessKeyId, token };
}

/** METHOD, Accept, Content-MD5, Content-Type, Date lines, then every x-acs-* header, then the unencoded resource. */
function buildStringToSign(req: IncomingRequest): string {
  const h = req.headers;
  const head = [
    req.method.toUpperCase(),
    h.accept ?? "",
    h["content-md5"] ?? "",
    h["content-type"] ?? "",
    h.date ?? "",
  ];
  const acsHeaders = Object.keys(h)
    .filter((name) => name.startsWith("x-acs-"))
    .sort()
    .map((name) => `${name}:${h[name] ?? ""}\n`)
    .join("");
  const query = parseQueryString(req.rawQuery);
  const pairs = Object.keys(query)
    .sort()
    .map((name) => `${name}=${query[name] ?? ""}`);
  const path = percentDecode(req.pathname, false);
  return `${head.join("\n")}\n${acsHeaders}${pairs.length > 0 ? `${path}?${pairs.join("&")}` : path}`;
}

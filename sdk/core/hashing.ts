import { createHash, createHmac } from "node:crypto";

/** Lower-case hex SHA-256 of the exact bytes (strings are UTF-8 encoded). */
export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Binary HMAC-SHA256, for key-derivation chains that must stay binary between steps. */
export function hmacSha256(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** Base64 HMAC-SHA1 (Alibaba RPC signature v1). */
export function hmacSha1Base64(key: string, data: string): string {
  return createHmac("sha1", key).update(data, "utf8").digest("base64");
}

import { createHmac, createSecretKey, hash, type KeyObject } from "node:crypto";

/** Lower-case hex SHA-256 of the exact bytes (strings are UTF-8 encoded). */
export function sha256Hex(data: string | Buffer): string {
  // The one-shot form: no Hash object per call (about 40% cheaper than createHash on short inputs).
  return hash("sha256", data, "hex");
}

/** Binary HMAC-SHA256, for key-derivation chains that must stay binary between steps. */
export function hmacSha256(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** Lower-case hex HMAC-SHA256. */
export function hmacSha256Hex(key: string | Buffer | KeyObject, data: string): string {
  return createHmac("sha256", key).update(data, "utf8").digest("hex");
}

/** Base64 HMAC-SHA1 (Alibaba RPC signature v1). */
export function hmacSha1Base64(key: string | KeyObject, data: string): string {
  return createHmac("sha1", key).update(data, "utf8").digest("base64");
}

// A signing secret as a KeyObject, made once per secret: HMAC with a string key converts it on every call.
// Bounded, so a process that cycles through many secrets does not keep them all.
const keyObjects = new Map<string, KeyObject>();
const MAX_KEY_OBJECTS = 64;

/** The UTF-8 bytes of `secret` as a secret KeyObject (the key `createHmac` would make of the string). */
export function signingSecret(secret: string): KeyObject {
  let key = keyObjects.get(secret);
  if (!key) {
    if (keyObjects.size >= MAX_KEY_OBJECTS) keyObjects.clear();
    key = createSecretKey(Buffer.from(secret, "utf8"));
    keyObjects.set(secret, key);
  }
  return key;
}

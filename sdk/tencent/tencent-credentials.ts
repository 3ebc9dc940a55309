import { type CredentialsOf, credentialKind } from "../core/credentials";

/** Tencent Cloud credentials: `secretId`/`secretKey`, `token` for STS; TENCENTCLOUD_* variables by default. */
export const TENCENT_CREDENTIALS = credentialKind({
  vendor: "Tencent Cloud",
  env: { id: "TENCENTCLOUD_SECRET_ID", secret: "TENCENTCLOUD_SECRET_KEY", token: "TENCENTCLOUD_SESSION_TOKEN" },
  fields: { id: "secretId", secret: "secretKey", token: "token" },
});

/** A Tencent Cloud API key pair `{ secretId, secretKey }`, with `token` for temporary (STS) credentials. */
export type TencentCredentials = CredentialsOf<typeof TENCENT_CREDENTIALS.fields>;

/** The environment variables Tencent credentials are read from when a client is given none. */
export const TENCENT_CREDENTIAL_ENV = TENCENT_CREDENTIALS.env;

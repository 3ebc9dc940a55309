import type { CredentialKind } from "../core/credentials";

/** A Tencent Cloud API key pair; `token` for temporary (STS) credentials. */
export interface TencentCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string | undefined;
}

/** Tencent Cloud credentials: the standard environment variables of its tools, read at call time. */
export const TENCENT_CREDENTIALS: CredentialKind<TencentCredentials> = {
  vendor: "Tencent Cloud",
  env: { id: "TENCENTCLOUD_SECRET_ID", secret: "TENCENTCLOUD_SECRET_KEY", token: "TENCENTCLOUD_SESSION_TOKEN" },
  fields: { id: "secretId", secret: "secretKey", token: "token" },
};

/** The environment variables Tencent credentials are read from when a client is given none. */
export const TENCENT_CREDENTIAL_ENV = TENCENT_CREDENTIALS.env;

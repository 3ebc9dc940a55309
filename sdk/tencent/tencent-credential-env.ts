// Where Tencent credentials come from when a client is given none. Apart from the protocol so that a
// provider's preview can tell whether any are set without loading the signer or the transport.
import type { CredentialKind } from "../core/credentials";
import type { TencentCredentials } from "./tencent-credentials";

/** Tencent Cloud credentials: the standard environment variables of its tools, and the secret fields. */
export const TENCENT_CREDENTIALS: CredentialKind<TencentCredentials> = {
  vendor: "Tencent Cloud",
  env: { id: "TENCENTCLOUD_SECRET_ID", secret: "TENCENTCLOUD_SECRET_KEY", token: "TENCENTCLOUD_SESSION_TOKEN" },
  fields: { id: "secretId", secret: "secretKey", token: "token" },
};

/** The environment variables Tencent credentials are read from, at call time, when a client is given none. */
export const TENCENT_CREDENTIAL_ENV = TENCENT_CREDENTIALS.env;

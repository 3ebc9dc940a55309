// Where Alibaba credentials come from when a client is given none. Apart from the protocol so that a
// provider's preview can tell whether any are set without loading the signer or the transport.
import type { CredentialKind } from "../core/credentials";
import type { AlibabaCredentials } from "./alibaba-credentials";

/** Alibaba Cloud credentials: the standard environment variables of its tools, and the secret fields. */
export const ALIBABA_CREDENTIALS: CredentialKind<AlibabaCredentials> = {
  vendor: "Alibaba Cloud",
  env: {
    id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    token: "ALIBABA_CLOUD_SECURITY_TOKEN",
  },
  fields: { id: "accessKeyId", secret: "accessKeySecret", token: "securityToken" },
};

/** The environment variables Alibaba credentials are read from, at call time, when a client is given none. */
export const ALIBABA_CREDENTIAL_ENV = ALIBABA_CREDENTIALS.env;

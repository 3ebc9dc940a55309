import type { CredentialKind } from "../core/credentials";

/** An Alibaba Cloud AccessKey pair; `securityToken` for STS credentials. */
export interface AlibabaCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
}

/** Alibaba Cloud credentials: the standard environment variables of its tools, read at call time. */
export const ALIBABA_CREDENTIALS: CredentialKind<AlibabaCredentials> = {
  vendor: "Alibaba Cloud",
  env: {
    id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    token: "ALIBABA_CLOUD_SECURITY_TOKEN",
  },
  fields: { id: "accessKeyId", secret: "accessKeySecret", token: "securityToken" },
};

/** The environment variables Alibaba credentials are read from when a client is given none. */
export const ALIBABA_CREDENTIAL_ENV = ALIBABA_CREDENTIALS.env;

import { type CredentialsOf, credentialKind } from "../core/credentials";

/** Alibaba Cloud credentials: an AccessKey pair, `securityToken` for STS; ALIBABA_CLOUD_* variables by default. */
export const ALIBABA_CREDENTIALS = credentialKind({
  vendor: "Alibaba Cloud",
  env: {
    id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    token: "ALIBABA_CLOUD_SECURITY_TOKEN",
  },
  fields: { id: "accessKeyId", secret: "accessKeySecret", token: "securityToken" },
});

/** An Alibaba Cloud AccessKey pair `{ accessKeyId, accessKeySecret }`, with `securityToken` for STS. */
export type AlibabaCredentials = CredentialsOf<typeof ALIBABA_CREDENTIALS.fields>;

/** The environment variables Alibaba credentials are read from when a client is given none. */
export const ALIBABA_CREDENTIAL_ENV = ALIBABA_CREDENTIALS.env;

/** A Tencent Cloud API key pair; `token` for temporary (STS) credentials. */
export interface TencentCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string | undefined;
}

/** An Alibaba Cloud AccessKey pair; `securityToken` for STS credentials. */
export interface AlibabaCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
}

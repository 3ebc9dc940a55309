import type { ClientOptions } from "../core/request-options";
import type { AlibabaCredentials } from "./alibaba-credentials";

/**
 * Options every Alibaba client takes. Credentials default to ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET /
 * ALIBABA_CLOUD_SECURITY_TOKEN at call time.
 */
export interface AlibabaClientOptions extends ClientOptions<AlibabaCredentials> {
  /** Region id such as `cn-shanghai`; picks the default endpoint. */
  readonly regionId?: string | undefined;
  /**
   * Overrides the endpoint (https, or http on loopback for the emulator). Default: env PULUMI_AIGC_ENDPOINT
   * (read at construction), else the region's public endpoint.
   */
  readonly endpoint?: string | undefined;
  /**
   * RPC signature: `v3` (ACS3-HMAC-SHA256, default) or `v1` (HMAC-SHA1, form body like @alicloud/pop-core).
   * aicontent's ROA actions are always signed with ACS3.
   */
  readonly signatureVersion?: "v3" | "v1" | undefined;
}

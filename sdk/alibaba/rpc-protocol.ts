import { Acs3RpcProtocol } from "./acs3-rpc-protocol";
import type { AlibabaClientOptions } from "./alibaba-client-options";
import type { AlibabaProtocol, AlibabaService } from "./alibaba-protocol";
import { RpcV1Protocol } from "./rpc-v1-protocol";

/**
 * The RPC protocol a VOD or ICE client signs with: ACS3 by default, signature v1 when the options ask for it.
 * @throws ConfigurationError for a bad option.
 */
export function rpcProtocol(service: AlibabaService, origin: URL, options: AlibabaClientOptions): AlibabaProtocol {
  return options.signatureVersion === "v1"
    ? new RpcV1Protocol(service, origin, options)
    : new Acs3RpcProtocol(service, origin, options);
}

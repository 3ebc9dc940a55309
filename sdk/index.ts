/**
 * pulumi-aigc/sdk: typed clients for the Tencent Cloud VOD and Alibaba Cloud AI media APIs, usable from
 * plain scripts without Pulumi. Request and response fields are spelled as on the wire.
 */
export * from "./core/errors";
export type { CredentialSource } from "./core/credentials";
export { parseEndpoint, isLoopbackHost } from "./core/endpoint";
export {
  type RateLimit,
  TokenBucket,
  RateLimiterRegistry,
  sharedRateLimiters,
  underVendorLimit,
} from "./core/rate-limiter";
export {
  type RetryOptions,
  DEFAULT_RETRY,
  shouldRetry,
  isAmbiguousSubmission,
  type Idempotency,
} from "./core/retry-policy";
export { closeTransport, type HttpTimeouts } from "./core/transport";
export { type WaitOptions, type WaitProgress, DEFAULT_WAIT, nextPollDelay } from "./core/waiter";
export { toValidationIssues, parseRequest } from "./core/validation";
export { jsonStringField, jsonFieldContent, parseJsonLenient } from "./core/schema-helpers";
export { SDK_VERSION } from "./core/version";
export { TENCENT_VOD_VERSION, ALIBABA_VERSIONS } from "./wire-constants";

export * as tencentModels from "./tencent/models";
export * from "./tencent/actions";
export type { TencentAction } from "./tencent/action";
export * from "./tencent/task-outcome";
export * from "./tencent/scene-aigc-image-adjustments";
export { signTc3, type Tc3SignInput, type Tc3Signature } from "./tencent/tc3-signer";
export * from "./tencent/tencent-vod-client";

export * from "./alibaba/action";
export * from "./alibaba/alibaba-caller";
export { alibabaError } from "./alibaba/alibaba-errors";
export { signAcs3, type Acs3SignInput, type Acs3Signature } from "./alibaba/acs3-signer";
export { signRpcV1, type RpcV1Signature } from "./alibaba/rpc-v1-signer";
export { percentEncode, canonicalQueryString } from "./alibaba/percent-encode";
export * as alibabaModels from "./alibaba/models";
export * from "./alibaba/vod/actions";
export * from "./alibaba/vod/models";
export * from "./alibaba/ice/actions";
export * from "./alibaba/ice/models";
export * from "./alibaba/ice/iproduction-result";
export * from "./alibaba/aicontent/actions";
export * from "./alibaba/aicontent/models";
export * from "./alibaba/aicontent/inference-adjustments";
export * from "./alibaba/alibaba-vod-client";
export * from "./alibaba/alibaba-ice-client";
export * from "./alibaba/alibaba-aicontent-client";
export { KeyedBatcher } from "./core/batcher";

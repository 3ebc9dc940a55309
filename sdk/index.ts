/**
 * pulumi-aigc/sdk: typed clients for the Tencent Cloud VOD and Alibaba Cloud AI media APIs, usable from
 * plain scripts without Pulumi. Request and response fields are spelled as on the wire.
 */
export * from "./core/errors";
export { type CredentialSource } from "./core/credentials";
export { parseEndpoint, isLoopbackHost } from "./core/endpoint";
export { type RateLimit, TokenBucket, RateLimiterRegistry, sharedRateLimiters, underVendorLimit } from "./core/rate-limiter";
export { type RetryOptions, DEFAULT_RETRY, shouldRetry, isAmbiguousSubmission, type Idempotency } from "./core/retry-policy";
export { closeTransport, type HttpTimeouts } from "./core/transport";
export { type WaitOptions, type WaitProgress, DEFAULT_WAIT, nextPollDelay } from "./core/waiter";
export { toValidationIssues, parseRequest } from "./core/validation";
export { SDK_VERSION } from "./core/version";

export * as tencentModels from "./tencent/models";
export * from "./tencent/actions";
export { type TencentAction, TENCENT_VOD_VERSION } from "./tencent/action";
export * from "./tencent/task-outcome";
export { signTc3, type Tc3SignInput, type Tc3Signature } from "./tencent/tc3-signer";
export * from "./tencent/tencent-vod-client";

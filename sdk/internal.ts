/**
 * pulumi-aigc/sdk/internal: the sdk's machinery, for the provider, the tests and the benchmarks of this
 * package. No stability promise: anything here may change in any release. Users import `pulumi-aigc/sdk`.
 */

export { type Acs3Request, acs3SignedRequest } from "./alibaba/acs3-request";
export { Acs3RpcProtocol } from "./alibaba/acs3-rpc-protocol";
export {
  ACS3_ALGORITHM,
  type Acs3Signature,
  type Acs3SignInput,
  isAcs3SignedHeader,
  signAcs3,
} from "./alibaba/acs3-signer";
export {
  ALIBABA_VERSIONS,
  type AlibabaAction,
  type AlibabaActionKind,
  defineAlibabaAction,
} from "./alibaba/action";
export * as alibabaAiContentActions from "./alibaba/aicontent/actions";
export { aiContentEnvelope } from "./alibaba/aicontent/models";
export { type AlibabaErrorInit, alibabaError } from "./alibaba/alibaba-errors";
export {
  ALIBABA_CREDENTIALS,
  type AlibabaParams,
  AlibabaProtocol,
  type AlibabaService,
  alibabaTimestamp,
  paramStrings,
} from "./alibaba/alibaba-protocol";
export * as alibabaIceActions from "./alibaba/ice/actions";
export { canonicalQueryString, percentEncode } from "./alibaba/percent-encode";
export { RoaProtocol } from "./alibaba/roa-protocol";
export { rpcProtocol } from "./alibaba/rpc-protocol";
export { RpcV1Protocol } from "./alibaba/rpc-v1-protocol";
export { type RpcV1Signature, signRpcV1 } from "./alibaba/rpc-v1-signer";
export * as alibabaVodActions from "./alibaba/vod/actions";
export { KeyedBatcher } from "./core/batcher";
// ---- the call pipeline and its protocols ----------------------------------------------------------------
export type {
  AnswerContext,
  CallProtocol,
  ProtocolAnswer,
  SignedRequest,
  WireAction,
} from "./core/call-protocol";
export {
  type CredentialKind,
  type CredentialSecrets,
  credentialsFor,
  readCredentialEnv,
  resolveCredentials,
  secretsOf,
} from "./core/credentials";
export { CubicRate, type CubicRateOptions } from "./core/cubic-rate";
export { isLoopbackHost, parseEndpoint } from "./core/endpoint";
export { describeValue, redactSecrets, type VendorErrorAnswer } from "./core/errors";
export { hmacSha1Base64, hmacSha256, sha256Hex } from "./core/hashing";
export { httpStatusError, malformedAnswer, parseJsonBody } from "./core/http-answer-errors";
export {
  diffFields,
  type FieldRule,
  json,
  list,
  type ObjectOptions,
  object,
  type ScalarOptions,
  sameJson,
  scalar,
  time,
} from "./core/input-diff";
export { invoke } from "./core/invoke";
export {
  RateLimiterRegistry,
  sharedRateLimiters,
  TokenBucket,
  underVendorLimit,
  vendorLimit,
} from "./core/rate-limiter";
export { type ClientSettings, clientSettings, retryFor, timeoutsFor } from "./core/request-options";
export { combineMetadata, metadataOf, withMetadata } from "./core/response-metadata";
export { type Idempotency, isAmbiguousSubmission, shouldRetry } from "./core/retry-policy";
export { type ExecuteOptions, executeWithRetry } from "./core/retry-scheduler";
export {
  isoDateTime,
  jsonFieldContent,
  jsonStringField,
  parseJsonLenient,
  respArray,
  respNumber,
  respString,
} from "./core/schema-helpers";
export { sleep } from "./core/sleep";
// ---- transport, rate limits, retries, batching, waiting -------------------------------------------------
export {
  DEFAULT_TIMEOUTS,
  type HttpExchange,
  type HttpResult,
  type HttpTimeouts,
  mapTransportError,
  sendHttp,
} from "./core/transport";
// ---- validation, schema and comparison helpers ----------------------------------------------------------
export { parseRequest, ruleOf, toValidationIssues, valueAt } from "./core/validation";
export { SDK_USER_AGENT } from "./core/version";
export {
  type FinishWindow,
  finishWindow,
  historyWindow,
  progressWindow,
  type Sighting,
} from "./core/wait/finish-window";
export { observationOf, type PolledJob } from "./core/wait/job-outcome";
export { nextPollDelay, type PollLimits, type PollPhase, pollPhase } from "./core/wait/poll-schedule";
export { type JobObservation, type PollParams, pollUntilDone } from "./core/wait/waiter";
export { dropNulls, inCallerOrder } from "./core/wire-json";
// ---- actions (descriptors: name, schemas, kind, vendor limits) and wire constants -----------------------
export {
  defineTencentAction,
  TENCENT_VOD_VERSION,
  type TencentAction,
  type TencentActionKind,
} from "./tencent/action";
export * as tencentActions from "./tencent/actions";
export { Tc3Protocol, type Tc3ProtocolOptions, TENCENT_CREDENTIALS } from "./tencent/tc3-protocol";
// ---- signing --------------------------------------------------------------------------------------------
export { signTc3, TC3_ALGORITHM, type Tc3Signature, type Tc3SignInput, utcDate } from "./tencent/tc3-signer";
// ---- error mapping --------------------------------------------------------------------------------------
export { type TencentErrorInit, tencentError } from "./tencent/tencent-errors";
export { TENCENT_VOD_ACTIONS } from "./tencent/tencent-vod-client";

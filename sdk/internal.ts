/**
 * pulumi-aigc/sdk/internal: the sdk's machinery, for the provider, the tests and the benchmarks of this
 * package. No stability promise: anything here may change in any release. Users import `pulumi-aigc/sdk`.
 */

// ---- the call pipeline and its protocols ----------------------------------------------------------------
export type {
  AnswerContext,
  CallProtocol,
  ProtocolAnswer,
  SignedRequest,
  WireAction,
} from "./core/call-protocol";
export { invoke } from "./core/invoke";
export { httpStatusError, malformedAnswer, parseJsonBody } from "./core/http-answer-errors";
export { type ClientSettings, clientSettings, retryFor, timeoutsFor } from "./core/request-options";
export { combineMetadata, metadataOf, withMetadata } from "./core/response-metadata";
export { Tc3Protocol, type Tc3ProtocolOptions } from "./tencent/tc3-protocol";
export {
  type AlibabaParams,
  AlibabaProtocol,
  type AlibabaService,
  alibabaTimestamp,
  paramStrings,
} from "./alibaba/alibaba-protocol";
export { type Acs3Request, acs3SignedRequest } from "./alibaba/acs3-request";
export { Acs3RpcProtocol } from "./alibaba/acs3-rpc-protocol";
export { RpcV1Protocol } from "./alibaba/rpc-v1-protocol";
export { RoaProtocol } from "./alibaba/roa-protocol";
export { rpcProtocol } from "./alibaba/rpc-protocol";

// ---- actions (descriptors: name, schemas, kind, vendor limits) and wire constants -----------------------
export {
  defineTencentAction,
  TENCENT_VOD_VERSION,
  type TencentAction,
  type TencentActionKind,
} from "./tencent/action";
export * as tencentActions from "./tencent/actions";
export { TENCENT_VOD_ACTIONS } from "./tencent/tencent-vod-client";
export {
  ALIBABA_VERSIONS,
  type AlibabaAction,
  type AlibabaActionKind,
  defineAlibabaAction,
} from "./alibaba/action";
export * as alibabaVodActions from "./alibaba/vod/actions";
export * as alibabaIceActions from "./alibaba/ice/actions";
export * as alibabaAiContentActions from "./alibaba/aicontent/actions";
export { aiContentEnvelope } from "./alibaba/aicontent/models";

// ---- signing --------------------------------------------------------------------------------------------
export { signTc3, TC3_ALGORITHM, type Tc3SignInput, type Tc3Signature, utcDate } from "./tencent/tc3-signer";
export {
  ACS3_ALGORITHM,
  type Acs3SignInput,
  type Acs3Signature,
  isAcs3SignedHeader,
  signAcs3,
} from "./alibaba/acs3-signer";
export { type RpcV1Signature, signRpcV1 } from "./alibaba/rpc-v1-signer";
export { canonicalQueryString, percentEncode } from "./alibaba/percent-encode";
export { hmacSha1Base64, hmacSha256, sha256Hex } from "./core/hashing";

// ---- error mapping --------------------------------------------------------------------------------------
export { type TencentErrorInit, tencentError } from "./tencent/tencent-errors";
export { type AlibabaErrorInit, alibabaError } from "./alibaba/alibaba-errors";
export { describeValue, redactSecrets, type VendorErrorAnswer } from "./core/errors";

// ---- transport, rate limits, retries, batching, waiting -------------------------------------------------
export {
  DEFAULT_TIMEOUTS,
  type HttpExchange,
  type HttpResult,
  type HttpTimeouts,
  mapTransportError,
  sendHttp,
} from "./core/transport";
export { RateLimiterRegistry, sharedRateLimiters, TokenBucket, underVendorLimit } from "./core/rate-limiter";
export { type Idempotency, isAmbiguousSubmission, shouldRetry } from "./core/retry-policy";
export { type ExecuteOptions, executeWithRetry } from "./core/retry-scheduler";
export { sleep } from "./core/sleep";
export { KeyedBatcher } from "./core/batcher";
export { type JobObservation, type PollParams, pollUntilDone } from "./core/wait/waiter";
export { nextPollDelay, type PollLimits, type PollPhase, pollPhase } from "./core/wait/poll-schedule";
export {
  type FinishWindow,
  finishWindow,
  historyWindow,
  progressWindow,
  type Sighting,
} from "./core/wait/finish-window";
export { observationOf, type PolledJob } from "./core/wait/job-outcome";
export {
  type CredentialKind,
  type CredentialSecrets,
  credentialsFor,
  readCredentialEnv,
  resolveCredentials,
  secretsOf,
} from "./core/credentials";
export { TENCENT_CREDENTIALS } from "./tencent/tc3-protocol";
export { ALIBABA_CREDENTIALS } from "./alibaba/alibaba-protocol";
export { isLoopbackHost, parseEndpoint } from "./core/endpoint";
export { SDK_USER_AGENT } from "./core/version";

// ---- validation, schema and comparison helpers ----------------------------------------------------------
export { parseRequest, ruleOf, toValidationIssues, valueAt } from "./core/validation";
export {
  isoDateTime,
  jsonFieldContent,
  jsonStringField,
  parseJsonLenient,
  respArray,
  respNumber,
  respString,
} from "./core/schema-helpers";
export { dropNulls, inCallerOrder } from "./core/wire-json";
export {
  diffFields,
  type FieldRule,
  json,
  list,
  object,
  type ObjectOptions,
  sameJson,
  scalar,
  type ScalarOptions,
  time,
} from "./core/input-diff";

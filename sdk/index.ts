/**
 * pulumi-aigc/sdk: typed clients for the Tencent Cloud VOD and Alibaba Cloud AI media APIs, usable from
 * plain scripts without Pulumi. Request and response fields are spelled as on the wire.
 *
 * This is the deliberate public surface: clients and their options, request and response schemas and types,
 * errors, waiter options, the outcome functions that read a job's state, and documented helpers (TaskIds,
 * element paging, input matching for verified recovery). Signers, rate-limit buckets, the batcher, the call
 * pipeline and its protocols, and validation helpers are in `pulumi-aigc/sdk/internal`, with no stability
 * promise.
 */

// ---- Alibaba Cloud aicontent (personalized text-to-image) -----------------------------------------------
export {
  MAX_IMAGE_NUMBER,
  Personalizedtxt2imgAddInferenceJobRequest,
  Personalizedtxt2imgAddInferenceJobResponse,
  Personalizedtxt2imgQueryImageAssetRequest,
  Personalizedtxt2imgQueryImageAssetResponse,
  Personalizedtxt2imgQueryInferenceJobInfoRequest,
  Personalizedtxt2imgQueryInferenceJobInfoResponse,
  Personalizedtxt2imgQueryModelTrainJobListRequest,
  Personalizedtxt2imgQueryModelTrainJobListResponse,
} from "./alibaba/aicontent/actions";
export { personalizedtxt2imgAdjustments } from "./alibaba/aicontent/inference-adjustments";
export { inferenceJobOutcome } from "./alibaba/aicontent/inference-job-outcome";
export { InferenceJob, inferenceOutcome, ModelTrainJob, SPECIAL_TOKEN } from "./alibaba/aicontent/models";
export {
  AlibabaAiContentClient,
  aiContentEndpointFor,
  type ImageAsset,
} from "./alibaba/alibaba-aicontent-client";
export type { AlibabaClientOptions } from "./alibaba/alibaba-client-options";
export type { AlibabaCredentials } from "./alibaba/alibaba-credentials";
export { AlibabaIceClient, type IProductionJobInfo, iceEndpointFor } from "./alibaba/alibaba-ice-client";
export { ALIBABA_CREDENTIAL_ENV } from "./alibaba/alibaba-protocol";
export {
  type AIImageJobResult,
  AlibabaVodClient,
  aiImageResults,
  assertVodAiImageRegion,
  VOD_AI_IMAGE_REGIONS,
  vodEndpointFor,
} from "./alibaba/alibaba-vod-client";
// ---- Alibaba Cloud ICE (intelligent production jobs) ----------------------------------------------------
export {
  CancelIProductionJobRequest,
  CancelIProductionJobResponse,
  IProductionUserData,
  QueryIProductionJobRequest,
  QueryIProductionJobResponse,
  SubmitIProductionJobRequest,
  SubmitIProductionJobResponse,
} from "./alibaba/ice/actions";
export { diffIProductionJobInput } from "./alibaba/ice/iproduction-job-input-match";
export { type IProductionJobState, iProductionJobOutcome } from "./alibaba/ice/iproduction-job-outcome";
export {
  AudioQualityAssessmentResult,
  CoverResult,
  FileOutputResult,
  type IProductionResult,
  MusicSegmentDetectResult,
  parseIProductionResult,
  VideoClipResult,
} from "./alibaba/ice/iproduction-result";
export {
  IPRODUCTION_DONE_STATUSES,
  IPRODUCTION_FUNCTIONS,
  type IProductionFunction,
  IProductionInput,
  IProductionJob,
  IProductionOutput,
  IProductionScheduleConfig,
  isIProductionJobDone,
} from "./alibaba/ice/models";
// ---- Alibaba Cloud: shared ------------------------------------------------------------------------------
export * as alibabaModels from "./alibaba/models";
// ---- Alibaba Cloud VOD (AI image jobs) ------------------------------------------------------------------
export {
  GetAIImageJobsRequest,
  GetAIImageJobsResponse,
  ListAIImageInfoRequest,
  ListAIImageInfoResponse,
  MAX_JOB_IDS_PER_CALL,
  SubmitAIImageJobRequest,
  SubmitAIImageJobResponse,
} from "./alibaba/vod/actions";
export { diffAIImageJobInput } from "./alibaba/vod/ai-image-job-input-match";
export { aiImageJobOutcome } from "./alibaba/vod/ai-image-job-outcome";
export { AIImageInfo, AIImageJob, AIImageResultItem, isAIImageJobDone, VodUserDataContent } from "./alibaba/vod/models";
// ---- options, metadata, waiting -------------------------------------------------------------------------
export type { CredentialEnvNames, CredentialSource } from "./core/credentials";
// ---- errors ---------------------------------------------------------------------------------------------
export {
  AbortError,
  AigcError,
  AmbiguousSubmissionError,
  AuthenticationError,
  type CallContext,
  ConfigurationError,
  CredentialsError,
  DuplicateSubmissionError,
  formatIssue,
  IdempotentParameterMismatchError,
  InvalidParameterError,
  JobFailedError,
  NetworkError,
  type NetworkPhase,
  NotFoundError,
  OperationFailedError,
  RequestValidationError,
  ServiceNotActivatedError,
  ThrottlingError,
  TimeoutError,
  TransientServerError,
  UnknownOutcomeError,
  type ValidationIssue,
  type Vendor,
  VendorError,
  type VendorErrorInit,
  WaitTimeoutError,
} from "./core/errors";
export type { RateLimit } from "./core/rate-limiter";
export type { ClientOptions, RequestOptions, SubmitOptions } from "./core/request-options";
export type { MetadataBearer, ResponseMetadata, WithMetadata } from "./core/response-metadata";
export { DEFAULT_RETRY, type RetryOptions } from "./core/retry-policy";
export { closeTransport } from "./core/transport";
export { SDK_VERSION } from "./core/version";
export { type DurationHint, durationHintOf, MIN_DURATION_SAMPLES } from "./core/wait/duration-hint";
export type { JobOutcome } from "./core/wait/job-outcome";
export { scaledClock, type WaitClock } from "./core/wait/wait-clock";
export { DEFAULT_WAIT, observedFinishMs, type WaitOptions, type WaitProgress } from "./core/wait/waiter";
export {
  CreateAigcAdvancedCustomElementRequest,
  CreateAigcAdvancedCustomElementResponse,
  type CreateSceneAigcImageTaskCall,
  CreateSceneAigcImageTaskRequest,
  CreateSceneAigcImageTaskResponse,
  DeleteAigcAdvancedCustomElementRequest,
  DeleteAigcAdvancedCustomElementResponse,
  DescribeAigcAdvancedCustomElementsRequest,
  DescribeAigcAdvancedCustomElementsResponse,
  DescribeTaskDetailRequest,
  DescribeTaskDetailResponse,
  DescribeTasksRequest,
  DescribeTasksResponse,
} from "./tencent/actions";
// ---- Tencent Cloud VOD ----------------------------------------------------------------------------------
export * as tencentModels from "./tencent/models";
export { createSceneAigcImageTaskAdjustments } from "./tencent/scene-aigc-image-adjustments";
export { SESSION_ID_DEDUP_WINDOW_MS } from "./tencent/session-dedup";
export { parseTaskId, subAppIdFromTaskId, type TaskIdParts } from "./tencent/task-id";
export { diffCustomElementTaskInput, diffSceneImageTaskInput } from "./tencent/task-input-match";
export {
  CUSTOM_ELEMENT_TASK_TYPE,
  type CustomElementTaskDetail,
  SCENE_IMAGE_TASK_TYPE,
  type SceneImageTaskDetail,
  type TaskOutcome,
  type TencentTaskDetail,
  taskOutcome,
} from "./tencent/task-outcome";
export { TENCENT_CREDENTIAL_ENV } from "./tencent/tc3-protocol";
export type { TencentCredentials } from "./tencent/tencent-credentials";
export {
  type ElementPagingOptions,
  type FindTaskOptions,
  MAX_ELEMENTS_PER_PAGE,
  TENCENT_VOD_ENDPOINT,
  TENCENT_VOD_INTL_ENDPOINT,
  type TencentVodActionName,
  TencentVodClient,
  type TencentVodClientOptions,
} from "./tencent/tencent-vod-client";

import { z } from "zod";

/**
 * Fault injection: each ratio is the probability (0–1) that a vendor API request gets that fault instead of
 * being processed normally. Kinds a vendor has no equivalent for are never injected into its requests.
 */
export const FaultConfig = z.strictObject({
  /**
   * A 5xx without processing, as before the finer kinds existed: Tencent's gateway HTML 502; Alibaba
   * 503 ServiceUnavailable or 500 InternalError (half each).
   */
  serverError: z.number().min(0).max(1).default(0),
  /** The gateway's own HTML 502 page (not the vendor's JSON): every vendor. */
  gatewayError: z.number().min(0).max(1).default(0),
  /** The vendor's InternalError envelope: Tencent HTTP 200 InternalError, Alibaba 500 InternalError. */
  internalError: z.number().min(0).max(1).default(0),
  /** The vendor's ServiceUnavailable (Tencent HTTP 200; Alibaba 503, VOD spelling ServiceUnAvailable). */
  serviceUnavailable: z.number().min(0).max(1).default(0),
  /**
   * Tencent's generic FailedOperation (HTTP 200); for aicontent its analogue, success:false with UNKNOWN_ERROR on
   * HTTP 200. Not offered for Alibaba VOD/ICE, which have no such code.
   */
  failedOperation: z.number().min(0).max(1).default(0),
  /** Permission refused: Tencent UnauthorizedOperation (HTTP 200), Alibaba 403 Forbidden.RAM. */
  unauthorized: z.number().min(0).max(1).default(0),
  /** Answer the vendor's throttling error without processing. */
  throttle: z.number().min(0).max(1).default(0),
  /** Drop the connection before processing. */
  resetBefore: z.number().min(0).max(1).default(0),
  /** Process the request (the job is recorded), then drop the connection without answering. */
  resetAfter: z.number().min(0).max(1).default(0),
  /** Delay the answer by `slowMs`. */
  slow: z.number().min(0).max(1).default(0),
  slowMs: z.int().min(0).default(5_000),
  /** Stop injecting after this many faults (default: no limit). */
  maxFaults: z.int().min(0).optional(),
  /** Only these actions get faults (default: every vendor action). */
  actions: z.array(z.string()).optional(),
  /** Seed of the fault dice, for reproducible drills. */
  seed: z.int().optional(),
});
export type FaultConfig = z.output<typeof FaultConfig>;

/** Server-side request limits, requests per second per account and action (the vendors' documented rates). */
export const RateLimitConfig = z.strictObject({
  enabled: z.boolean().default(true),
  /** Tencent: 20/s per action; DescribeTaskDetail 100/s. */
  tencentDefault: z.number().positive().default(20),
  tencentDescribeTaskDetail: z.number().positive().default(100),
  /** Alibaba (undocumented for these APIs: docs/vendor-notes/alibaba.md): VOD 50/s, ICE 100/s, aicontent 20/s. */
  alibabaVod: z.number().positive().default(50),
  alibabaIce: z.number().positive().default(100),
  alibabaAiContent: z.number().positive().default(20),
});

export const EmulatorConfig = z.strictObject({
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: z.int().min(0).max(65535).default(4566),
  /** How long a job runs before it finishes, ms (emulator-clock time). */
  jobLatencyMs: z.int().min(0).default(3_000),
  /** Probability that a job ends in a task-level failure (vendor failure codes). */
  failureRatio: z.number().min(0).max(1).default(0),
  /** Emulator clock speed for job lifecycles: 10 makes a 300 s job finish in 30 s of real time. */
  timeScale: z.number().positive().default(1),
  /** Tencent SessionId dedup window (the docs say 3 days; task texts say 7). */
  sessionDedupWindowMs: z
    .int()
    .positive()
    .default(3 * 24 * 3600_000),
  /** Persist state to this JSON-lines journal so a restarted emulator keeps its jobs. */
  stateFile: z.string().optional(),
  rateLimits: RateLimitConfig.default(RateLimitConfig.parse({})),
  faults: FaultConfig.default(FaultConfig.parse({})),
  /** Seed of the job-outcome dice (failureRatio). */
  seed: z.int().optional(),
  /** How long an ICE ClientToken remembers its request (the vendor does not say; 24 hours). */
  clientTokenLifetimeMs: z
    .int()
    .positive()
    .default(24 * 3600_000),
  /**
   * Ids the caller brings (applications, media files, videos, templates, models). A kind left out accepts
   * every well-formed id as existing; listing ids of a kind makes that kind strict: any other id gets the
   * vendor's not-found answer.
   */
  tencent: z
    .strictObject({
      /** VOD applications that exist (strict); other SubAppIds get InvalidParameterValue.SubAppId. */
      subAppIds: z.array(z.int().positive()).optional(),
      /** VOD media files that exist (strict), besides the ones the emulator's own tasks create. */
      fileIds: z.array(z.string().min(1)).optional(),
      /** The account's primary application, used when a request names no SubAppId. */
      primarySubAppId: z.int().positive().optional(),
    })
    .default({}),
  alibaba: z
    .strictObject({
      /** VOD videos that exist (strict); other VideoIds get InvalidVideo.NotFound. */
      videoIds: z.array(z.string().min(1)).optional(),
      /** VOD AI templates of type AIImage that exist (strict). */
      aiImageTemplateIds: z.array(z.string().min(1)).optional(),
      /** aicontent models already trained (strict); listed models also appear in the model list at start. */
      aiContentModelIds: z.array(z.string().min(1)).optional(),
    })
    .default({}),
});
export type EmulatorConfigInput = z.input<typeof EmulatorConfig>;
export type EmulatorConfig = z.output<typeof EmulatorConfig>;

/** Credentials the emulator accepts when the vendors' env vars are not set (printed at start-up). */
export const DEMO_CREDENTIALS = {
  tencent: { secretId: "AKIDEMULATORDEMO0000000000000000000", secretKey: "emulator-demo-tencent-secret-key" },
  alibaba: { accessKeyId: "LTAI5tEmulatorDemoKey", accessKeySecret: "emulator-demo-alibaba-secret" },
} as const;

export interface AcceptedCredentials {
  tencent: { secretId: string; secretKey: string; token?: string | undefined };
  alibaba: { accessKeyId: string; accessKeySecret: string; securityToken?: string | undefined };
  /** Where each pair came from: the env vars, or the demo pairs. */
  source: { tencent: "env" | "demo"; alibaba: "env" | "demo" };
}

/** The pairs in the vendors' standard env vars when set, else the demo pairs. */
export function acceptedCredentials(env: NodeJS.ProcessEnv = process.env): AcceptedCredentials {
  const tId = env.TENCENTCLOUD_SECRET_ID?.trim();
  const tKey = env.TENCENTCLOUD_SECRET_KEY?.trim();
  const aId = env.ALIBABA_CLOUD_ACCESS_KEY_ID?.trim();
  const aKey = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET?.trim();
  return {
    tencent:
      tId && tKey
        ? { secretId: tId, secretKey: tKey, token: env.TENCENTCLOUD_SESSION_TOKEN?.trim() || undefined }
        : { ...DEMO_CREDENTIALS.tencent },
    alibaba:
      aId && aKey
        ? {
            accessKeyId: aId,
            accessKeySecret: aKey,
            securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN?.trim() || undefined,
          }
        : { ...DEMO_CREDENTIALS.alibaba },
    source: { tencent: tId && tKey ? "env" : "demo", alibaba: aId && aKey ? "env" : "demo" },
  };
}

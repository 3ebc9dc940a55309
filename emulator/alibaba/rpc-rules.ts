// Alibaba VOD and ICE request tables, written from the vendor's API pages as summarised in
// docs/vendor-notes/alibaba.md ("Request rules"). RPC parameters travel as text; object parameters are JSON
// text whose content has its own table. Parameters the API does not define are ignored, as the gateway does.
import { anyObject, type CrossCheck, int, looseObj, type ObjectRule, req, str } from "../validation/rules";

/** The service an RPC action belongs to, and its request table. */
export interface RpcActionRules {
  readonly action: string;
  readonly service: "vod" | "ice";
  readonly request: ObjectRule;
}

// ---- VOD -------------------------------------------------------------------------------------------------

/** VOD UserData: JSON text of at most 512 bytes with MessageCallback and/or Extend. */
const vodUserData = looseObj(
  {
    MessageCallback: looseObj({ CallbackURL: req(str({ url: true })), CallbackType: str() }),
    Extend: anyObject(),
  },
  {
    checks: [
      (v) =>
        v.MessageCallback === undefined && v.Extend === undefined
          ? { path: [], rule: "must contain MessageCallback and/or Extend" }
          : undefined,
    ],
  },
);

/** The most JobIds one GetAIImageJobs call takes. */
const MAX_JOB_IDS = 10;
const jobIdList: CrossCheck = (v) => {
  const ids = String(v.JobIds).split(",");
  if (ids.some((id) => id.trim() === "")) return { path: ["JobIds"], rule: "must be comma-separated non-empty ids" };
  return ids.length > MAX_JOB_IDS ? { path: ["JobIds"], rule: `must list at most ${MAX_JOB_IDS} ids` } : undefined;
};

// ---- ICE -------------------------------------------------------------------------------------------------

/** Every FunctionName SubmitIProductionJob documents. */
export const IPRODUCTION_FUNCTIONS = [
  "Cover",
  "VideoClip",
  "VideoDelogo",
  "VideoDetext",
  "CaptionExtraction",
  "VideoGreenScreenMatting",
  "FaceBeauty",
  "VideoH2V",
  "MusicSegmentDetect",
  "AudioBeatDetection",
  "AudioQualityAssessment",
  "SpeechDenoise",
  "AudioMixing",
  "MusicDemix",
] as const;

const BUCKET = "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]";
/** `oss://bucket/object` or `http(s)://bucket.oss-<region>.aliyuncs.com/object`. */
const OSS_ADDRESS = new RegExp(`^(oss://${BUCKET}/.+|https?://${BUCKET}\\.oss-[a-z0-9-]+\\.aliyuncs\\.com/.+)$`);
const ossForm: CrossCheck = (v) =>
  v.Type === "OSS" && typeof v.Media === "string" && !OSS_ADDRESS.test(v.Media)
    ? { path: ["Media"], rule: "must be oss://bucket/object or http(s)://bucket.oss-<region>.aliyuncs.com/object" }
    : undefined;

const iceInput = looseObj(
  { Type: req(str({ enum: ["OSS", "Media"] })), Media: req(str({ minLength: 1 })) },
  { checks: [ossForm] },
);
/** With Type Media the vendor creates the media asset when Media is left out. */
const iceOutput = looseObj(
  { Type: req(str({ enum: ["OSS", "Media"] })), Media: str({ minLength: 1 }), Biz: str(), OutputUrl: str() },
  {
    checks: [
      (v) =>
        v.Type === "OSS" && v.Media === undefined
          ? { path: ["Media"], rule: "is required when Type is OSS" }
          : undefined,
      ossForm,
    ],
  },
);
const scheduleConfig = looseObj({ PipelineId: str(), Priority: int({ min: 1, max: 10 }) });

const rpc = (action: string, service: "vod" | "ice", request: ObjectRule): RpcActionRules => ({
  action,
  service,
  request,
});

/** Every VOD and ICE action the emulator serves, by Action. */
export const RPC_RULES: Readonly<Record<string, RpcActionRules>> = Object.fromEntries(
  [
    rpc(
      "SubmitAIImageJob",
      "vod",
      looseObj({
        VideoId: req(str()),
        AITemplateId: req(str()),
        UserData: str({ maxBytes: 512, json: vodUserData }),
        // Empty means the default pipeline (the API page).
        AIPipelineId: str(),
      }),
    ),
    rpc("GetAIImageJobs", "vod", looseObj({ JobIds: req(str()) }, { checks: [jobIdList] })),
    rpc("ListAIImageInfo", "vod", looseObj({ VideoId: req(str()) })),
    rpc(
      "SubmitIProductionJob",
      "ice",
      looseObj({
        FunctionName: req(str({ enum: IPRODUCTION_FUNCTIONS })),
        Input: req(str({ json: iceInput })),
        Output: req(str({ json: iceOutput })),
        Name: str({ maxLength: 100 }),
        TemplateId: str({ pattern: { regex: /^[0-9a-fA-F]{32}$/, rule: "must be 32 hex characters" } }),
        JobParams: str({ json: anyObject() }),
        ModelId: str(),
        ScheduleConfig: str({ json: scheduleConfig }),
        UserData: str({ maxLength: 256 }),
      }),
    ),
    rpc("QueryIProductionJob", "ice", looseObj({ JobId: req(str()), ClientToken: str() })),
    rpc("CancelIProductionJob", "ice", looseObj({ JobId: req(str()), ClientToken: str() })),
  ].map((r) => [r.action, r]),
);

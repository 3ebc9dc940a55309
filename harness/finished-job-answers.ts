// Answers of finished jobs as the vendors send them, for the client benchmark's loopback server
// (bench/loopback-vendor-server.ts) and the tests of response parsing: a finished outpainting
// SceneAigcImageTask from Tencent's DescribeTaskDetail, a finished Cover job from ICE's QueryIProductionJob.

/** The sub-task fields of DescribeTaskDetail: the real API sends every one, null but the task's own. */
const TENCENT_SUBTASK_FIELDS = [
  "ProcedureTask",
  "EditMediaTask",
  "WechatPublishTask",
  "ComposeMediaTask",
  "SplitMediaTask",
  "WechatMiniProgramPublishTask",
  "PullUploadTask",
  "TranscodeTask",
  "ConcatTask",
  "ClipTask",
  "CreateImageSpriteTask",
  "SnapshotByTimeOffsetTask",
  "RemoveWatermarkTask",
  "RebuildMediaTask",
  "ExtractTraceWatermarkTask",
  "ExtractCopyRightWatermarkTask",
  "ReviewAudioVideoTask",
  "ReduceMediaBitrateTask",
  "DescribeFileAttributesTask",
  "QualityInspectTask",
  "QualityEnhanceTask",
  "ComplexAdaptiveDynamicStreamingTask",
  "ProcessMediaByMPSTask",
  "AigcImageTask",
  "AigcVideoTask",
  "ImportMediaKnowledge",
  "SceneAigcVideoTask",
  "ProcessImageAsyncTask",
  "ExtractBlindWatermarkTask",
  "CreateAigcAdvancedCustomElementTask",
  "CreateAigcCustomVoiceTask",
  "CreateAigcSubjectTask",
  "AigcVideoRedrawTask",
  "AigcAudioTask",
  "CreateAigcAudioCloneTask",
  "DescribeAigcFaceInfoAsyncTask",
];

/** The TaskId the canned Tencent answer describes. */
export const LOOPBACK_TASK_ID = "251007502-SceneAigcImageTask-9f0c3a1de2b44c7d8e6f1a2b3c4d5e6ft";
/** The JobId the canned ICE answer describes. */
export const LOOPBACK_JOB_ID = "b8a3c1d2e4f5061728394a5b6c7d8e9f";

const tencentFile = (i: number) => ({
  StorageMode: "Temporary",
  MediaName: "",
  ClassId: 0,
  ExpireTime: "2026-01-09T08:00:14Z",
  FileType: "png",
  FileUrl:
    `https://1500012345.vod-qcloud.com/vodtransgzp1500012345/aigc/${LOOPBACK_TASK_ID}/output-${i}.png` +
    "?t=6960b1ce&us=72d4cd1101&sign=7a0c4d0f3c2a5a8e1b9d6c4f2e0a8b6d",
  FileId: "",
  MetaData: null,
});

/** DescribeTaskDetail of a finished outpainting SceneAigcImageTask with two output images. */
export const TENCENT_DESCRIBE_TASK_DETAIL = {
  Response: {
    TaskType: "SceneAigcImageTask",
    Status: "FINISH",
    CreateTime: "2026-01-02T08:00:00Z",
    BeginProcessTime: "2026-01-02T08:00:01Z",
    FinishTime: "2026-01-02T08:00:14Z",
    ...Object.fromEntries(TENCENT_SUBTASK_FIELDS.map((f) => [f, null])),
    SceneAigcImageTask: {
      TaskId: LOOPBACK_TASK_ID,
      Status: "FINISH",
      ErrCode: 0,
      Message: "",
      Progress: 100,
      Input: {
        FileInfos: [{ Type: "Url", FileId: "", Url: "https://example-bucket.cos.ap-guangzhou.myqcloud.com/in.png" }],
        SceneInfo: { Type: "outpainting", AiTryOnConfig: null, ChangeClothesConfig: null, ProductImageConfig: null },
        OutputConfig: {
          StorageMode: "Temporary",
          MediaName: "",
          ClassId: 0,
          ExpireTime: "",
          AspectRatio: "16:9",
          EncodeConfig: null,
          ImageWidth: 0,
          ImageHeight: 0,
          Resolution: "2K",
        },
      },
      Output: { FileInfos: [tencentFile(0), tencentFile(1)] },
      SessionId: "",
      SessionContext: "bench",
    },
    RequestId: "6ac2c8b1-0f3e-4d5a-9b7c-1e2d3f4a5b6c",
  },
};

/** QueryIProductionJob of a finished Cover job: three candidate frames. */
export const ICE_QUERY_IPRODUCTION_JOB = {
  RequestId: "7F3A9C2E-5B1D-4E8F-A6C0-2D4B6E8F0A1C",
  JobId: LOOPBACK_JOB_ID,
  Name: "cover-of-launch-video",
  FunctionName: "Cover",
  Input: { Type: "OSS", Media: "oss://bench-media/in/launch.mp4" },
  Output: { Type: "OSS", Media: "oss://bench-media/out/cover.jpg", Biz: "", OutputUrl: "" },
  TemplateId: "",
  JobParams: "",
  ScheduleConfig: { PipelineId: "", Priority: 6 },
  UserData: '{"marker":"bench-0001"}',
  Result: JSON.stringify(
    [0.97, 0.91, 0.86].map((Score, i) => ({
      Score,
      Time: (5000 + i * 11_734.5).toFixed(2),
      Url: `out/cover-${String(i + 1).padStart(5, "0")}.jpg`,
    })),
  ),
  CreateTime: "2026-01-02T08:00:00Z",
  FinishTime: "2026-01-02T08:00:21Z",
  Status: "Success",
  OutputFiles: ["out/cover-00001.jpg", "out/cover-00002.jpg", "out/cover-00003.jpg"],
  OutputMediaIds: [],
  OutputUrls: [
    "https://bench-media.oss-cn-shanghai.aliyuncs.com/out/cover-00001.jpg",
    "https://bench-media.oss-cn-shanghai.aliyuncs.com/out/cover-00002.jpg",
    "https://bench-media.oss-cn-shanghai.aliyuncs.com/out/cover-00003.jpg",
  ],
};

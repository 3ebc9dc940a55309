import { z } from "zod";
import { respString } from "../../core/schema-helpers";
import { defineTencentAction } from "../action";
import { CreateAigcAdvancedCustomElementTask, SceneAigcImageTask, SubAppId } from "../models";

/** DescribeTaskDetail: status and result of one task submitted in the last 3 days. */
export const DescribeTaskDetailRequest = z.strictObject({
  TaskId: z.string().min(1),
  SubAppId: SubAppId.optional(),
});
export type DescribeTaskDetailRequest = z.input<typeof DescribeTaskDetailRequest>;

/** Only the sub-object matching TaskType is populated; the others are null (kept as unknown fields). */
export const DescribeTaskDetailResponse = z.looseObject({
  /** `SceneAigcImageTask` or `CreateAigcAdvancedCustomElement` (no Task suffix) for our tasks. */
  TaskType: respString,
  /** WAITING → PROCESSING → FINISH (or ABORTED). */
  Status: respString,
  CreateTime: respString,
  BeginProcessTime: respString,
  FinishTime: respString,
  SceneAigcImageTask: SceneAigcImageTask.nullish(),
  CreateAigcAdvancedCustomElementTask: CreateAigcAdvancedCustomElementTask.nullish(),
  RequestId: respString,
});
export type DescribeTaskDetailResponse = z.output<typeof DescribeTaskDetailResponse>;

export const DescribeTaskDetail = defineTencentAction({
  name: "DescribeTaskDetail",
  request: DescribeTaskDetailRequest,
  response: DescribeTaskDetailResponse,
  kind: "read",
  vendorRateLimit: 100,
});

import { z } from "zod";
import { respArray, respString } from "../../core/schema-helpers";
import { defineTencentAction } from "../action";
import { SubAppId, TaskSimpleInfo, TimeRange } from "../models";

/** DescribeTasks: lists tasks of the last 72 hours, page by page with a scroll token. */
export const DescribeTasksRequest = z.strictObject({
  SubAppId: SubAppId.optional(),
  Status: z.enum(["WAITING", "PROCESSING", "FINISH"]).optional(),
  FileId: z.string().optional(),
  CreateTime: TimeRange.optional(),
  FinishTime: TimeRange.optional(),
  Sort: z.strictObject({ Field: z.enum(["CreateTime", "FinishTime"]), Order: z.enum(["Asc", "Desc"]) }).optional(),
  /** uint64, at most 100; 0 or absent means the default, 10. */
  Limit: z.int().min(0).max(100).optional(),
  ScrollToken: z.string().optional(),
});
export type DescribeTasksRequest = z.input<typeof DescribeTasksRequest>;

export const DescribeTasksResponse = z.looseObject({
  TaskSet: respArray(TaskSimpleInfo),
  /** Empty when there are no more pages. */
  ScrollToken: respString,
  RequestId: respString,
});
export type DescribeTasksResponse = z.output<typeof DescribeTasksResponse>;

export const DescribeTasks = defineTencentAction({
  name: "DescribeTasks",
  request: DescribeTasksRequest,
  response: DescribeTasksResponse,
  kind: "read",
  vendorRateLimit: 20,
});

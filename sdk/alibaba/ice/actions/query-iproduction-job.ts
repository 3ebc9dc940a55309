import { z } from "zod";
import { respString } from "../../../core/schema-helpers";
import { defineAlibabaAction } from "../../action";
import { IProductionJob } from "../models";

/** QueryIProductionJob: one job's status, outputs and Result. */
export const QueryIProductionJobRequest = z.strictObject({
  JobId: z.string().min(1),
  ClientToken: z.string().optional(),
});
export type QueryIProductionJobRequest = z.input<typeof QueryIProductionJobRequest>;

export const QueryIProductionJobResponse = IProductionJob.extend({ RequestId: respString });
export type QueryIProductionJobResponse = z.output<typeof QueryIProductionJobResponse>;

export const QueryIProductionJob = defineAlibabaAction({
  name: "QueryIProductionJob",
  service: "ice",
  request: QueryIProductionJobRequest,
  response: QueryIProductionJobResponse,
  kind: "read",
  vendorRateLimit: 100,
});

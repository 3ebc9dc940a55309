import { z } from "zod";
import { respString } from "../../../core/schema-helpers";
import { defineAlibabaAction } from "../../action";

/** CancelIProductionJob: stops a queued or running job. */
export const CancelIProductionJobRequest = z.strictObject({
  JobId: z.string().min(1),
  ClientToken: z.string().optional(),
});
export type CancelIProductionJobRequest = z.input<typeof CancelIProductionJobRequest>;

export const CancelIProductionJobResponse = z.looseObject({ RequestId: respString, Message: respString });
export type CancelIProductionJobResponse = z.output<typeof CancelIProductionJobResponse>;

export const CancelIProductionJob = defineAlibabaAction({
  name: "CancelIProductionJob",
  service: "ice",
  request: CancelIProductionJobRequest,
  response: CancelIProductionJobResponse,
  kind: "cancel",
  vendorRateLimit: 100,
});

// A job kind whose vendor answers at once and whose jobs are done when submitted: what the ledger pace scripts
// (ledger-pace.ts on the file ledger, ledger-pool-batch.ts on PostgreSQL) run a batch of, so that the time they
// measure is the ledger's and the lifecycle's own.
import { z } from "zod";
import { defineJobKind, output } from "../provider/job-kind";

let submitted = 0;
const done = (_c: unknown, id: string) =>
  Promise.resolve({ jobId: id, status: "Success", done: true, outputs: { jobId: id } });

/** The instant kind (`test:Paced`): each submission a new `job-<n>`, finished at once. */
export const instantKind = defineJobKind({
  name: "test:Paced",
  request: z.strictObject({ Name: z.string().min(1), Marker: z.string().optional() }),
  idOutput: "jobId",
  adoptInputs: ["adoptJobId"],
  outputs: { jobId: output<string>() },
  ownedFields: [{ path: ["Marker"], reason: "is set by the provider" }],
  dedupedByVendor: false,
  goneWhenMissing: false,
  withKey: (request, key) => ({ ...request, Marker: key }),
  submit: async () => `job-${++submitted}`,
  recover: async () => ({ notFound: "not listed" }),
  observe: done,
  wait: done,
});

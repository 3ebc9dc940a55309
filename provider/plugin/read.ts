// Read with empty properties: what the engine sends for `pulumi import <token> <name> <id>` (it knows the id
// only). The stock provider server crashes there (`getProperties()` undefined, @pulumi/pulumi 3.248.0); the plugin
// routes it here, to the runtime's import (../runtime/import-job.ts): one look at the job, the inputs filled from
// the vendor's record, the adopt input set to the id, the ledger told which resource holds the job. It never
// submits.
import { kindOf } from "../runtime/index";
import type { Props } from "../runtime/lifecycle/stored-state";

/** What an import Read answers: the job's id, its outputs and the inputs recovered from the vendor. */
export interface ImportedJob {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly inputs: Record<string, unknown>;
}

/**
 * Reads the job `id` of kind `kindName` for `pulumi import`. `defaults`: what the plugin's Check adds to the
 * program's inputs of this resource (its default idempotencyScope and holder), which the outputs must store too.
 * @throws NotFoundError when the vendor does not know the job; IntentHeldError when another stack holds it.
 */
export async function importRead(kindName: string, id: string, defaults: Props): Promise<ImportedJob> {
  // Loaded on first use, like the lifecycle it drives (an import is rare).
  const { importJob } = require("../runtime/import-job") as typeof import("../runtime/import-job");
  const got = await importJob(kindOf(kindName), id, defaults);
  return { id: got.id, properties: got.outputs, inputs: got.inputs };
}

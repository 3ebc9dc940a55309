// Read with empty properties: what the engine sends for `pulumi import <token> <name> <id>` (it knows the id
// only). The stock provider server crashes there (`getProperties()` undefined, @pulumi/pulumi 3.248.0); the plugin
// routes it here. Adopting a job by its id (filling inputs from the vendor's echo, never submitting) is issue 20's
// import work: until it lands, this says so clearly.

/** What an import Read answers: the job's id, its outputs and the inputs recovered from the vendor. */
export interface ImportedJob {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly inputs: Record<string, unknown>;
}

/**
 * Reads the job `id` of kind `kindName` for `pulumi import`.
 * @throws Error saying that import is not supported yet and how to adopt the job instead (its adopt input).
 */
export async function importRead(kindName: string, id: string): Promise<ImportedJob> {
  throw new Error(
    `pulumi-aigc: \`pulumi import\` of ${kindName} ${id} is not supported yet by the aigc provider plugin; ` +
      "declare the resource with its adopt input (the job's id) instead: it adopts the job without submitting",
  );
}

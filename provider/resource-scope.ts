// How a job resource is named in the ledger and in holders, from plain text: the dynamic resources (program side,
// ./job-resource.ts) and the provider plugin (./plugin/, from the request's URN) both call these, so a resource
// moved from one face to the other keeps its ledger identity.
import type { OutputSpecs } from "./job-kind";

/** The default resource identity in the ledger: `<project>/<stack>/<vendor>:<Type>/<name>`. */
export function scopeText(project: string, stack: string, kindName: string, name: string): string {
  return `${project}/${stack}/${kindName}/${name}`;
}

/**
 * The resource as holders and scope declarations name it: `<vendor>:<Type>/<name>`, preceded by its parents'
 * types joined as in its URN (`GroupA$Inner$tencent:Type/name`) when it has parents other than the stack.
 */
export function identityText(parentTypes: string, kindName: string, name: string): string {
  return `${parentTypes ? `${parentTypes}$` : ""}${kindName}/${name}`;
}

/** The output properties of a kind whose values are secret for these args. */
export function secretOutputNames(specs: OutputSpecs, args: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(specs)
    .filter(([, s]) => (typeof s.secret === "function" ? s.secret(args) : s.secret === true))
    .map(([name]) => name);
}

/**
 * Records in `scopes` (scope → resource, one map per run) that `resource` declares `scope`.
 * @throws Error naming both resources and the scope when another resource of the run declared it.
 */
export function claimScope(scopes: Map<string, string>, scope: string, resource: string): void {
  const other = scopes.get(scope);
  if (other !== undefined && other !== resource) throw scopeConflict(scope, resource, other);
  scopes.set(scope, resource);
}

/** The error of two resources of one deployment declaring one scope, naming both and the scope. */
export function scopeConflict(scope: string, resource: string, other: string): Error {
  return new Error(
    `${resource} and ${other} have the same idempotencyScope ${JSON.stringify(scope)}: they would share their ` +
      "jobs (the second would resume the first's). Give each resource its own idempotencyScope (the default " +
      "scope names a resource's type and name, not its parents: two resources of one name under different " +
      "components, or under different provider instances, need one)",
  );
}

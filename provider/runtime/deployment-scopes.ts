// Two resources of one deployment must not declare one idempotencyScope: they would share their jobs (the second
// would take the first's intent over as a rename in flight and resume its job: docs/intent-ownership.md). Each
// program process and each provider process refuses the second declaration it sees itself (../resource-scope.ts
// `claimScope`), but the engine serves explicit provider instances from processes of their own and the dynamic
// resources from yet another: here the processes of one deployment share their declarations (./deployment.ts).
import { HOLDER_INPUT, parseHolder } from "../resource-holder";
import { scopeConflict } from "../resource-scope";
import { declareInDeployment } from "./deployment";
import { UNKNOWN } from "./unknowns";

/**
 * Records that `resource` (as messages name it: `<parent types>$<vendor>:<Type>/<name> (<face>)`) declares
 * `scope` in this deployment.
 * @throws Error naming both resources and the scope when another resource of the deployment declared it first.
 */
export function claimScopeInDeployment(scope: string, resource: string): void {
  let first: string | undefined;
  try {
    first = declareInDeployment("scopes", scope, resource, true);
  } catch {
    return; // no shared directory: each process's own check still applies
  }
  if (first !== undefined && first !== resource) throw scopeConflict(scope, resource, first);
}

// The plugin's processes serve their resources through the same runtime operations as the dynamic host, and
// declare their scopes from the URN (../plugin/program-side.ts) before those run: they do not declare again.
let pluginFace = false;

/** Marks this process as the provider plugin's (its Check declares the scopes itself). */
export function servePluginFace(): void {
  pluginFace = true;
}

/**
 * The dynamic face's share of the rule: the failure of a dynamic resource's check (`news`: its inputs, holder
 * included) whose scope a resource of another face or provider process declared first in this deployment, or
 * undefined. The program's own registration already refused two dynamic resources of one scope.
 */
export function dynamicScopeRefusal(
  kindName: string,
  news: Readonly<Record<string, unknown>>,
): { property: string; reason: string } | undefined {
  if (pluginFace) return undefined;
  const holder = parseHolder(news[HOLDER_INPUT]);
  const scope = news.idempotencyScope;
  if (!holder || typeof scope !== "string" || scope === UNKNOWN) return undefined;
  try {
    claimScopeInDeployment(scope, `${holder.resource} (pulumi-nodejs:dynamic/${kindName})`);
  } catch (err) {
    return { property: "idempotencyScope", reason: (err as Error).message };
  }
  return undefined;
}

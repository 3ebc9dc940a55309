// What the program side of a dynamic resource adds to its inputs at registration (../job-resource.ts), done here
// from the request's URN and the project directory: the default idempotencyScope and the holder. Both come from
// the same functions, so a resource of either face, of the same kind and name, has the same ledger identity
// (`<project>/<stack>/<kind.name>/<name>`) and holder: a stack moved from one face to the other keeps its jobs.
import * as path from "node:path";
import { HOLDER_INPUT, holderText, stackInstanceId } from "../resource-holder";
import { claimScope, identityText, scopeText } from "../resource-scope";
import { serveDeployment } from "../runtime/deployment";
import { claimScopeInDeployment, servePluginFace } from "../runtime/deployment-scopes";
import { findProjectFile } from "../runtime/ledger/state-backend";
import { UNKNOWN } from "../runtime/unknowns";
import type { ResourceUrn } from "./resource-urn";

type Props = Record<string, unknown>;

/** The directory of the project the engine runs: it starts plugins there (its Pulumi.yaml is found upwards). */
export function projectDir(cwd: string = process.cwd()): string {
  const file = findProjectFile(cwd);
  return file ? path.dirname(file) : cwd;
}

/** One plugin process's view of its run: the stack instance, read once, and the scopes declared so far. */
export class ProgramSide {
  private readonly instances = new Map<string, string | undefined>();
  private readonly scopes = new Map<string, string>();

  constructor(private readonly dir: string = projectDir()) {
    servePluginFace();
    serveDeployment();
  }

  /**
   * The inputs `news` of the resource at `urn` of kind `kindName`, with the default idempotencyScope (when the
   * program sets none) and the holder, as the dynamic resource's class adds them.
   * @throws Error when another resource of this run declared the same scope (they would share their jobs).
   */
  complete(urn: ResourceUrn, kindName: string, news: Props): Props {
    const resource = identityText(urn.parentTypes, kindName, urn.name);
    const scope = news.idempotencyScope ?? scopeText(urn.project, urn.stack, kindName, urn.name);
    if (typeof scope === "string" && scope !== UNKNOWN) {
      claimScope(this.scopes, scope, resource);
      // Another provider instance's process, or the dynamic resources' host, of the same deployment.
      claimScopeInDeployment(scope, `${resource} (${urn.type})`);
    }
    return {
      ...news,
      idempotencyScope: scope,
      [HOLDER_INPUT]: holderText(this.instanceOf(urn.stack), urn.project, urn.stack, resource),
    };
  }

  private instanceOf(stack: string): string | undefined {
    if (!this.instances.has(stack)) this.instances.set(stack, stackInstanceId(this.dir, stack));
    return this.instances.get(stack);
  }
}

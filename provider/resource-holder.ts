// Which resource holds an intent (issue 19, item 2): a stack instance and the resource's type and name. The
// program computes it at registration and passes it to the provider as the `__holder` input (diff ignores it).
// It must be cheap on the program side: node built-ins only, no sdk, no schema.
//
// The stack instance is what tells a stack from another stack of the same name. It is a hash of the stack's
// secrets-provider identity in Pulumi.<stack>.yaml: `encryptionsalt` (passphrase) or `encryptedkey` (cloud KMS).
// `pulumi stack init` generates it and `pulumi stack rename` moves the file with the stack (pulumi/pulumi
// pkg/cmd/pulumi/stack/stack_rename.go), so it survives the same stack's retries, runners sharing a checkout and
// a rename, and differs for a new stack of the same name. A stack without either (Pulumi Cloud's service
// secrets provider, or no config file) falls back to `<project>/<stack>`, which a rename changes and a new
// stack of the same name shares: docs/intent-ownership.md names that limit.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** The input that carries the holder from the program to the provider. */
export const HOLDER_INPUT = "__holder";

/** The holder of an intent, parsed. */
export interface Holder {
  /** `s-<hash>` of the stack's secrets-provider identity, or undefined when the stack has none. */
  readonly instance: string | undefined;
  /** `<project>/<stack>` when the holder was computed. */
  readonly stack: string;
  /** `<vendor>:<Type>/<name>`. */
  readonly resource: string;
  /** The text stored in the ledger and in the state. */
  readonly text: string;
}

/** The directory of the stack's config file: the project's, or Pulumi.yaml's `stackConfigDir`. */
function stackConfigDir(projectDir: string): string {
  try {
    const project = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
    const m = /^stackConfigDir:\s*["']?([^"'\s#]+)/m.exec(project);
    return m ? path.resolve(projectDir, m[1]!) : projectDir;
  } catch {
    return projectDir;
  }
}

/**
 * The stack instance id from the stack's config file (`s-` and 16 characters of a hash of its encryption salt
 * or encrypted key), or undefined when there is none. Never throws: an unreadable file is "none".
 */
export function stackInstanceId(projectDir: string, stack: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(stackConfigDir(projectDir), `Pulumi.${stack}.yaml`), "utf8");
  } catch {
    return undefined;
  }
  const m = /^(encryptionsalt|encryptedkey):\s*["']?([^"'\s]+)/m.exec(text);
  if (!m) return undefined;
  return `s-${createHash("sha256").update(`${m[1]}\n${m[2]}`).digest("base64url").slice(0, 16)}`;
}

/** The holder text of a resource: `<instance or "-">|<project>/<stack>|<vendor>:<Type>/<name>`. */
export function holderText(instance: string | undefined, project: string, stack: string, resource: string): string {
  return `${instance ?? "-"}|${project}/${stack}|${resource}`;
}

/** Parses a holder text; undefined for anything else (an absent holder, a value written by something else). */
export function parseHolder(text: unknown): Holder | undefined {
  if (typeof text !== "string") return undefined;
  const [instance, stack, ...rest] = text.split("|");
  if (!instance || !stack || rest.length === 0) return undefined;
  return { instance: instance === "-" ? undefined : instance, stack, resource: rest.join("|"), text };
}

/**
 * Whether two holders are the same stack instance: their instance ids when both have one (a renamed stack keeps
 * it), else their `<project>/<stack>` names.
 */
export function sameStackInstance(a: Holder, b: Holder): boolean {
  return a.instance !== undefined && b.instance !== undefined ? a.instance === b.instance : a.stack === b.stack;
}

/** Whether two holders are the same resource of the same stack instance. */
export function sameHolder(a: Holder, b: Holder): boolean {
  return sameStackInstance(a, b) && a.resource === b.resource;
}

/** How a holder reads in messages: `resource <type>/<name> of stack <project>/<stack> (instance …)`. */
export function describeHolder(h: Holder): string {
  return `${h.resource} of stack ${h.stack}${h.instance ? ` (stack instance ${h.instance})` : ""}`;
}

// A resource's URN, read: `urn:pulumi:<stack>::<project>::<parent types $ joined>$<type>::<name>`. The plugin
// learns from it what the program side of a dynamic resource knows at registration: its project, stack, type,
// parents' types and name (pulumi/pulumi sdk/go/common/resource/urn.go).

/** The parts of a resource URN. */
export interface ResourceUrn {
  readonly stack: string;
  readonly project: string;
  /** The resource's own type token (`aigc:tencent:SceneAigcImageTask`). */
  readonly type: string;
  /** Its parents' types, outermost first, joined with `$` as in the URN; "" when its parent is the stack. */
  readonly parentTypes: string;
  readonly name: string;
}

/**
 * Parses a URN.
 * @throws Error naming the text when it is not a Pulumi resource URN.
 */
export function parseUrn(urn: string): ResourceUrn {
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0]!.startsWith("urn:pulumi:") || !parts[2]) {
    throw new Error(`pulumi-aigc: not a resource URN: ${JSON.stringify(urn)}`);
  }
  const stack = parts[0]!.slice("urn:pulumi:".length);
  const [project, qualifiedType] = [parts[1]!, parts[2]];
  const name = parts.slice(3).join("::");
  const types = qualifiedType.split("$");
  const type = types.pop() as string;
  return { stack, project, type, parentTypes: types.join("$"), name };
}

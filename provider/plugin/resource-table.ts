// Which resource types the plugin serves, and by what: one small table from type token to handler, so that
// other resource families (batch resources) add a row here rather than a branch in the server.
import { BUILTIN_KIND_NAMES } from "../kinds";
import { kindNameOf, resourceToken } from "../schema/package-schema";

/** How the plugin serves one resource type: a job kind of the runtime, by its kind name. */
export interface ResourceHandler {
  readonly family: "job";
  /** The kind's name in the runtime (`tencent:SceneAigcImageTask`), as the dynamic resources name it too. */
  readonly kindName: string;
}

const TABLE: ReadonlyMap<string, ResourceHandler> = new Map(
  BUILTIN_KIND_NAMES.map((k) => [resourceToken(k), { family: "job", kindName: k } as const]),
);

/**
 * The handler of a resource type token.
 * @throws Error naming the token and the types this plugin serves when it serves no such type.
 */
export function handlerOf(token: string): ResourceHandler {
  const h = TABLE.get(token);
  if (h) return h;
  const kind = kindNameOf(token);
  throw new Error(
    `pulumi-aigc: the aigc provider has no resource type ${token}${kind ? "" : " (not an aigc: token)"}; ` +
      `it serves ${[...TABLE.keys()].join(", ")}`,
  );
}

/** The type tokens the plugin serves. */
export function servedTokens(): string[] {
  return [...TABLE.keys()];
}

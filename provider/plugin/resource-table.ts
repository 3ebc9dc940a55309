// Which resource types the plugin serves, and by what: one small table from type token to handler. A handler's
// operations are the very object the dynamic provider of such resources is (../runtime/index.ts `provider`), so the
// plugin runs the same functions; another resource family (batch resources) adds rows here, not branches in the
// server.
import type * as pulumi from "@pulumi/pulumi";
import { itemsSecret } from "../batch/batch-resource";
import { batchName } from "../batch/batch-surface";
import { COMMON_OUTPUTS } from "../job-kind";
import { BUILTIN_KIND_NAMES } from "../kinds";
import { secretOutputNames } from "../resource-scope";
import * as runtime from "../runtime/index";
import { kindNameOf, resourceToken } from "../schema/package-schema";
import { type ImportedJob, importRead } from "./read";

type Props = Record<string, unknown>;

/** A resource's operations, as the dynamic provider of its resources has them (every one present). */
export type ResourceOperations = Required<
  Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">
>;

/** How the plugin serves one resource type. */
export interface ResourceHandler {
  /** The name its default scope, holder and messages use (a kind's name: `tencent:SceneAigcImageTask`). */
  readonly name: string;
  /** Its operations. */
  operations(): ResourceOperations;
  /** The outputs a create makes (planned as unknown at preview). */
  outputNames(): string[];
  /** The outputs that are secret for these args. */
  secretOutputs(args: Props): string[];
  /** `pulumi import` by id (a Read with no properties), where the type has it; `defaults`: the program side's. */
  importById?(id: string, defaults: Props): Promise<ImportedJob>;
}

/** The handler of a job kind's resources. */
function jobHandler(kindName: string): ResourceHandler {
  return {
    name: kindName,
    operations: () => runtime.provider(kindName) as ResourceOperations,
    outputNames: () => {
      const kind = runtime.kindOf(kindName);
      return [...Object.keys(kind.outputs), ...Object.keys(COMMON_OUTPUTS), kind.idOutput];
    },
    secretOutputs: (args) => secretOutputNames(runtime.kindOf(kindName).outputs, args),
    importById: (id, defaults) => importRead(kindName, id, defaults),
  };
}

/** The handler of a job kind's batch resources (../batch/): `items` and `counts` out, `items` secret as needed. */
function batchHandler(kindName: string): ResourceHandler {
  return {
    name: batchName(kindName),
    operations: () => runtime.provider({ batch: kindName }) as ResourceOperations,
    outputNames: () => ["items", "counts"],
    secretOutputs: (args) => (itemsSecret(runtime.kindOf(kindName), args.items) ? ["items"] : []),
  };
}

const TABLE: ReadonlyMap<string, ResourceHandler> = new Map([
  ...BUILTIN_KIND_NAMES.map((k) => [resourceToken(k), jobHandler(k)] as const),
  ...BUILTIN_KIND_NAMES.map((k) => [resourceToken(batchName(k)), batchHandler(k)] as const),
]);

/**
 * The handler of a resource type token.
 * @throws Error naming the token and the types this plugin serves when it serves no such type.
 */
export function handlerOf(token: string): ResourceHandler {
  const h = TABLE.get(token);
  if (h) return h;
  const foreign = kindNameOf(token) ? "" : " (not an aigc: token)";
  throw new Error(
    `pulumi-aigc: the aigc provider has no resource type ${token}${foreign}; it serves ${[...TABLE.keys()].join(", ")}`,
  );
}

/** The type tokens the plugin serves. */
export function servedTokens(): string[] {
  return [...TABLE.keys()];
}

// `pulumi-aigc migrate`: moves a stack's dynamic job resources to the `aigc` provider plugin's resources by
// rewriting the stack's exported state (docs/migrating-to-the-plugin.md). Each resource keeps its id (the job id),
// its inputs and outputs (the stored inputs diff reads, the ledger key, the holder and the idempotencyScope): only
// its type, its URN and its provider change. So the engine never sees a new resource or a replacement, the
// provider runs no create and no delete, and an in-flight job resumes through the same ledger intent: 0 new
// submissions and no vendor object deleted. What the engine does with an alias instead depends on the plugin's
// DiffConfig, and a replacement there would pay again and delete the old resource's vendor objects.
import { randomUUID } from "node:crypto";
import { BUILTIN_KIND_NAMES } from "../kinds";
import { resourceToken } from "../schema/package-schema";

/** The type prefix of a dynamic job resource: `pulumi-nodejs:dynamic/<vendor>:<Type>`. */
const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/";
/** The plugin's provider type. */
const PROVIDER_TYPE = "pulumi:providers:aigc";

type Json = Record<string, unknown>;

/** What a migration did: each resource moved (old URN → new URN) and the provider reference they now use. */
export interface Migration {
  /** The exported state (`pulumi stack export` format), rewritten. */
  readonly state: Json;
  readonly moved: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  readonly provider: string | undefined;
}

/** The plugin's type of a dynamic job resource's type, or undefined when it is not one of the built-in kinds. */
export function pluginType(type: string): string | undefined {
  if (!type.startsWith(DYNAMIC_PREFIX)) return undefined;
  const kind = type.slice(DYNAMIC_PREFIX.length);
  return (BUILTIN_KIND_NAMES as readonly string[]).includes(kind) ? resourceToken(kind) : undefined;
}

/** A URN with every dynamic job type of its qualified type (its parents' and its own) moved to the plugin's. */
export function migratedUrn(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0]!.startsWith("urn:pulumi:")) return urn;
  const qualified = parts[2]!.split("$").map((t) => pluginType(t) ?? t);
  return [parts[0], parts[1], qualified.join("$"), ...parts.slice(3)].join("::");
}

/** The provider URN of the plugin's default provider in the stack and project of `urn`. */
function providerUrn(urn: string, name: string): string {
  const [stackPart, project] = urn.split("::");
  return `${stackPart}::${project}::${PROVIDER_TYPE}::${name}`;
}

const withoutDynamicProvider = (props: unknown): unknown => {
  if (props === null || typeof props !== "object") return props;
  const { __provider: _p, ...rest } = props as Json;
  return rest;
};

/** One resource of the state, moved: its type, URN, provider, parent and dependencies. */
function moveResource(r: Json, provider: string, urns: Map<string, string>): Json {
  const map = (u: unknown) => (typeof u === "string" ? (urns.get(u) ?? u) : u);
  const out: Json = { ...r, urn: map(r.urn) };
  if (typeof r.parent === "string") out.parent = map(r.parent);
  if (Array.isArray(r.dependencies)) out.dependencies = r.dependencies.map(map);
  if (r.propertyDependencies && typeof r.propertyDependencies === "object") {
    out.propertyDependencies = Object.fromEntries(
      Object.entries(r.propertyDependencies as Record<string, unknown[]>).map(([k, v]) => [k, v.map(map)]),
    );
  }
  const type = typeof r.type === "string" ? pluginType(r.type) : undefined;
  if (type) {
    out.type = type;
    out.provider = provider;
    out.inputs = withoutDynamicProvider(r.inputs);
    out.outputs = withoutDynamicProvider(r.outputs);
  }
  return out;
}

/**
 * Rewrites an exported stack state (`pulumi stack export`, version 3) so that its dynamic job resources of the
 * built-in kinds are the `aigc` plugin's resources, served by a default provider named `providerName` (`default`,
 * or `default_<version>` with the version the program asks for). Other resources only follow renamed URNs.
 * @throws Error when the state is not an exported deployment.
 */
export function migrateState(exported: Json, providerName = "default"): Migration {
  const deployment = exported.deployment as Json | undefined;
  if (!deployment || !Array.isArray(deployment.resources)) {
    throw new Error("not an exported stack state (pulumi stack export): no deployment.resources");
  }
  const resources = deployment.resources as Json[];
  const urns = new Map<string, string>();
  for (const r of resources) {
    const to = migratedUrn(String(r.urn));
    if (to !== r.urn) urns.set(String(r.urn), to);
  }
  const first = resources.findIndex((r) => typeof r.type === "string" && pluginType(r.type));
  if (first < 0) return { state: exported, moved: [], provider: undefined };
  const urn = providerUrn(String(resources[first]!.urn), providerName);
  const existing = resources.find((r) => r.urn === urn);
  const id = typeof existing?.id === "string" ? existing.id : randomUUID();
  const provider = `${urn}::${id}`;
  const moved = resources.map((r) => moveResource(r, provider, urns));
  // A provider is declared before the resources that use it.
  if (!existing) moved.splice(first, 0, { urn, custom: true, id, type: PROVIDER_TYPE, inputs: {}, outputs: {} });
  const pending = Array.isArray(deployment.pending_operations)
    ? (deployment.pending_operations as Json[]).map((op) => ({
        ...op,
        resource: moveResource(op.resource as Json, provider, urns),
      }))
    : deployment.pending_operations;
  const state = {
    ...exported,
    deployment: {
      ...deployment,
      resources: moved,
      ...(pending !== undefined ? { pending_operations: pending } : {}),
    },
  };
  return { state, moved: [...urns].map(([from, to]) => ({ from, to })), provider };
}

// The Pulumi package schema of the `aigc` provider plugin, derived from the kinds' declarations (one source of
// truth: the resource classes, the runtime kinds and this schema all come from provider/kinds/*): each kind's
// resource (./resource-schema.ts), their nested types (./schema-types.ts) and the provider's configuration
// (./provider-config-schema.ts). Loading it loads every kind's declaration and request schema.
import { batchName } from "../batch/batch-surface";
import type { AnyJobKind } from "../job-kind";
import { BUILTIN_KIND_NAMES, builtinKind } from "../kinds";
import { batchResourceSchema } from "./batch-schema";
import { providerConfigProperties } from "./provider-config-schema";
import { type ResourceSpec, resourceSchema } from "./resource-schema";
import { SchemaTypes } from "./schema-types";

/** The plugin's package name: resource tokens are `aigc:<vendor>:<Type>`. */
export const PACKAGE_NAME = "aigc";

/** The resource token of a kind (`tencent:SceneAigcImageTask` → `aigc:tencent:SceneAigcImageTask`). */
export function resourceToken(kindName: string): string {
  return `${PACKAGE_NAME}:${kindName}`;
}

/** The kind name of a resource token, or undefined when the token is not one of this package's. */
export function kindNameOf(token: string): string | undefined {
  return token.startsWith(`${PACKAGE_NAME}:`) ? token.slice(PACKAGE_NAME.length + 1) : undefined;
}

/** Where the generated SDKs say they come from, and how each language names the package. */
const LANGUAGE = {
  nodejs: { packageName: "@pulumi-aigc/aigc", packageDescription: "Typed SDK of the aigc provider plugin." },
  // respectSchemaVersion: the SDK's version and its pulumi-plugin.json are the package's (else 0.0.0, and the
  // engine would look for plugin aigc v0.0.0 for a Python program).
  python: { packageName: "pulumi_aigc", requires: { pulumi: ">=3.0.0,<4.0.0" }, respectSchemaVersion: true },
  go: { importBasePath: "github.com/pulumi-aigc/pulumi-aigc/sdk/go/aigc", generateResourceContainerTypes: false },
};

/** The package schema (Pulumi's schema JSON), as GetSchema answers it. Throws when a kind cannot be loaded. */
export function packageSchema(version: string): Record<string, unknown> {
  const kinds = BUILTIN_KIND_NAMES.map((name) => {
    const kind = builtinKind(name);
    if (!kind) throw new Error(`kind ${name} has no declaration`);
    return kind;
  });
  return packageSchemaOf(version, kinds);
}

/** The package schema of these kinds and their batches (packageSchema: the built-in ones). */
export function packageSchemaOf(version: string, kinds: readonly AnyJobKind[]): Record<string, unknown> {
  const types = new SchemaTypes(PACKAGE_NAME);
  const resources: Record<string, ResourceSpec> = {};
  for (const kind of kinds) {
    resources[resourceToken(kind.name)] = resourceSchema(kind, types);
    resources[resourceToken(batchName(kind.name))] = batchResourceSchema(kind, types, PACKAGE_NAME);
  }
  const config = providerConfigProperties();
  return {
    name: PACKAGE_NAME,
    displayName: "AIGC jobs",
    version,
    description:
      "Paid AI media jobs (Tencent Cloud VOD AIGC, Alibaba Cloud VOD, ICE and aicontent), each submitted once per " +
      "intended job across retries, crashes, re-runs and machines.",
    keywords: ["pulumi", "aigc", "tencentcloud", "alibabacloud", "category/media"],
    license: "Apache-2.0",
    meta: { moduleFormat: "(.*)" },
    config: { variables: config },
    provider: {
      description: "The aigc provider: vendor credentials, regions, endpoints and the submission ledger.",
      inputProperties: config,
    },
    types: types.types,
    resources,
    language: LANGUAGE,
  };
}

// Until the generated package schema (../schema/package-schema.ts, issue 20's schema work) describes a resource's
// properties, the plugin describes each one loosely: every input and output of the kind's declaration, typed Any.
// Typed languages need that much: the YAML language host refuses a resource whose schema has no properties. A
// resource the schema already describes is left exactly as it is, so this does nothing once the schema is
// generated (then this file can go).
import { COMMON_OUTPUTS } from "../job-kind";
import { builtinKind } from "../kinds";
import { CONFIG_KEYS } from "../runtime/provider-config";
import { inputKeys } from "../runtime/stored-inputs";
import { kindNameOf } from "../schema/package-schema";

const ANY = { $ref: "pulumi.json#/Any" } as const;
type Schema = Record<string, unknown> & { resources?: Record<string, Record<string, unknown>> };

const loose = (names: Iterable<string>) => Object.fromEntries([...names].map((n) => [n, ANY]));

/** `schema` with each resource lacking properties described loosely, and the provider's config if missing. */
export function withLooseProperties(schema: Schema): Schema {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const [token, res] of Object.entries(schema.resources ?? {})) {
    const described = Object.keys((res.properties as object | undefined) ?? {}).length > 0 || res.inputProperties;
    const kind = described ? undefined : builtinKind(kindNameOf(token) ?? "");
    resources[token] = kind
      ? {
          ...res,
          inputProperties: loose(inputKeys(kind)),
          properties: loose([...Object.keys(kind.outputs), ...Object.keys(COMMON_OUTPUTS)]),
        }
      : res;
  }
  const keys = Object.keys(CONFIG_KEYS);
  return {
    ...schema,
    resources,
    ...(schema.provider ? {} : { provider: { inputProperties: loose(keys) } }),
    ...(schema.config ? {} : { config: { variables: loose(keys) } }),
  };
}

// A kind's request schema as JSON Schema, the step between zod and the Pulumi package schema: zod 4 writes it
// (types, enums, required fields and the `.describe()` descriptions), except for JSON-string fields, which zod
// sees as opaque: those become "the JSON text or the structured value", the latter from their content schema.
import { z } from "zod";
import { jsonFieldContent } from "../../sdk/internal";

/** The JSON Schema subset the package schema is built from. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  /** The structure's name (zod `.meta({ title })`): its type's name in the package schema. */
  readonly title?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
}

/** A JSON-string field's JSON Schema: a string (the JSON text as sent) or the structure it holds. */
function jsonStringSchema(content: z.ZodType, description: string | undefined): Record<string, unknown> {
  const inner = toJsonSchema(content);
  const text = "JSON text, sent as it is";
  return {
    ...(description ? { description } : {}),
    anyOf: [{ type: "string", description: text }, inner],
  };
}

function toJsonSchema(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const content = jsonFieldContent(ctx.zodSchema as unknown as z.ZodType);
      if (!content) return;
      const replacement = jsonStringSchema(content, ctx.jsonSchema.description);
      for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[k];
      Object.assign(ctx.jsonSchema, replacement);
    },
  }) as JsonSchema & { $schema?: string };
  const { $schema: _drop, ...rest } = out;
  return rest;
}

/**
 * The request schema of a kind as JSON Schema, as a caller writes it (zod's input side: fields with defaults are
 * optional). Throws when zod cannot represent the schema at all.
 */
export function requestJsonSchema(request: z.ZodType): JsonSchema {
  return toJsonSchema(request);
}

import type { z } from "zod";
import { schemaDef as defOf, objectFieldsAt, structuralSchema as structural } from "../../sdk/core/schema-helpers";
import { camelKey } from "../casing";

/** The schema of a field of an object schema, found by its camelCase or wire name. */
function fieldOf(schema: z.ZodType, name: string): { wire: string; schema: z.ZodType } | undefined {
  const shape = defOf(schema).shape;
  if (!shape) return undefined;
  if (name in shape) return { wire: name, schema: shape[name]! };
  for (const wire of Object.keys(shape)) if (camelKey(wire) === name) return { wire, schema: shape[wire]! };
  return undefined;
}

/**
 * Maps a camelCase value onto the wire shape of `schema`: object keys get their wire names (recursively,
 * inside arrays and inside JSON-string fields given as structured values); free-form records and values
 * are copied as they are. Unknown keys are kept, so validation reports them by the name the user wrote.
 */
export function toWire(schema: z.ZodType, value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== "object") return value;
  const { schema: s, jsonContent } = structural(schema);
  if (jsonContent) return toWire(jsonContent, value);
  const d = defOf(s);
  if (d.type === "array" && Array.isArray(value)) return value.map((v) => toWire(d.element!, v));
  if (d.type === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const f = fieldOf(s, k);
      out[f ? f.wire : k] = f ? toWire(f.schema, v) : v;
    }
    return out;
  }
  return value;
}

/**
 * Maps a wire value of `schema` (a vendor's echo of a request) to the camelCase value a program declares: the
 * inverse of toWire. Object keys of the schema's fields get their camelCase names (recursively, inside arrays and
 * inside JSON-string fields that came back structured); JSON text stays text; records and unknown keys are copied.
 */
export function fromWire(schema: z.ZodType, value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== "object") return value;
  const { schema: s, jsonContent } = structural(schema);
  if (jsonContent) return fromWire(jsonContent, value);
  const d = defOf(s);
  if (d.type === "array" && Array.isArray(value)) return value.map((v) => fromWire(d.element!, v));
  if (d.type === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const f = fieldOf(s, k);
      out[f ? camelKey(f.wire) : k] = f ? fromWire(f.schema, v) : v;
    }
    return out;
  }
  return value;
}

/**
 * Maps a wire path (from a validation issue) to the property path the user wrote, walking the schema so
 * that only vendor field names change (record keys and JSON contents keep theirs).
 */
export function camelPath(schema: z.ZodType, path: ReadonlyArray<string | number>): string {
  const out: Array<string | number> = [];
  let s: z.ZodType | undefined = schema;
  for (const seg of path) {
    if (s === undefined || typeof seg === "number") {
      out.push(seg);
      if (s) s = defOf(structural(s).schema).element;
      continue;
    }
    const st: { schema: z.ZodType; jsonContent?: z.ZodType | undefined } = structural(s);
    const base: z.ZodType = st.jsonContent ? structural(st.jsonContent).schema : st.schema;
    const f = fieldOf(base, seg);
    out.push(f ? camelKey(f.wire) : seg);
    s = f?.schema;
  }
  return out.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/**
 * The field names (as the user writes them: camelCase for vendor fields) of the object that `path` (a wire
 * path, as in a validation issue) leads to inside `schema`; empty when the path does not lead to an object.
 */
export function fieldNamesAt(schema: z.ZodType, path: ReadonlyArray<string | number>): string[] {
  return objectFieldsAt(schema, path).map(camelKey);
}

import { z } from "zod";

// The content schema of every JSON-string field, so that tools (the provider's camelCase mapping) can see
// inside a field that is text on the wire.
const jsonFieldContents = new WeakMap<z.ZodType, z.ZodType>();

/** The schema of a JSON-string field's content, when `schema` was made by {@link jsonStringField}. */
export function jsonFieldContent(schema: z.ZodType): z.ZodType | undefined {
  return jsonFieldContents.get(schema);
}

/**
 * A field that is a JSON string on the wire (Tencent ElementImageList, Alibaba UserData, ...). Accepts the
 * JSON text or the structured value; validates the content against `inner` (issues keep their nested path,
 * e.g. `ElementImageList.refer_images.0.image_url`); outputs the wire string. A string given by the caller
 * is sent byte for byte as given.
 */
export function jsonStringField<S extends z.ZodType>(inner: S) {
  const field = z
    .custom<string | z.input<S>>((v) => v !== undefined)
    .superRefine((val, ctx) => {
      let obj: unknown = val;
      if (typeof val === "string") {
        try {
          obj = JSON.parse(val);
        } catch {
          ctx.addIssue({ code: "custom", message: "must be a valid JSON string (or a structured value)" });
          return;
        }
      }
      const r = inner.safeParse(obj);
      if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue } as never);
    })
    .transform((v): string => (typeof v === "string" ? v : JSON.stringify(v)));
  // Register the pipe and its input side: `.refine()` on the result clones the pipe but keeps its input.
  jsonFieldContents.set(field, inner);
  jsonFieldContents.set(field.def.in as z.ZodType, inner);
  return field;
}

/** What the schema walkers read of a zod schema's definition. */
export type SchemaDef = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
};

/** A schema's definition, as the walkers read it. */
export const schemaDef = (s: z.ZodType) => (s as unknown as { def: SchemaDef }).def;
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/**
 * Strips wrappers (optional, default, pipe...) down to the schema that decides the value's structure; for a
 * JSON-string field, also gives its content's schema.
 */
export function structuralSchema(schema: z.ZodType): { schema: z.ZodType; jsonContent?: z.ZodType | undefined } {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const content = jsonFieldContent(s);
    if (content) return { schema: s, jsonContent: content };
    const d = schemaDef(s);
    if (WRAPPERS.has(d.type) && d.innerType) s = d.innerType;
    else if (d.type === "pipe" && d.in) s = d.in;
    else break;
  }
  return { schema: s };
}

/** The object (or array) schema a value of `schema` is read as, looking inside JSON-string fields. */
function objectLike(schema: z.ZodType): z.ZodType {
  const st = structuralSchema(schema);
  return st.jsonContent ? structuralSchema(st.jsonContent).schema : st.schema;
}

/**
 * The field names (wire spelling) of the object that `path` (wire names and array indexes) leads to inside
 * `schema`, looking inside JSON-string fields; empty when the path leads to no object schema.
 */
export function objectFieldsAt(schema: z.ZodType, path: ReadonlyArray<string | number>): string[] {
  let s: z.ZodType | undefined = schema;
  for (const seg of path) {
    if (s === undefined) return [];
    const d = schemaDef(objectLike(s));
    s = typeof seg === "number" ? d.element : d.shape?.[seg];
  }
  const shape = s === undefined ? undefined : schemaDef(objectLike(s)).shape;
  return shape ? Object.keys(shape) : [];
}

/** Parses a JSON-string response field leniently: the parsed value, or undefined when absent or not JSON. */
export function parseJsonLenient(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Response fields are parsed leniently: vendors return "" / 0 / null for unset values and add fields over
// time. These helpers accept null or absence and give a typed default, so callers never see undefined.

/** A response string: null or absent becomes "". */
export const respString = z
  .string()
  .nullish()
  .transform((v) => v ?? "");

/** A response number: null or absent becomes 0. */
export const respNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? 0);

/** A response array: null or absent becomes []. */
export function respArray<S extends z.ZodType>(item: S) {
  return z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
}

/** ISO-8601 date-time with a zone (`2026-01-01T00:00:00Z`, `2020-09-07T00:00:00+08:00`). */
export const isoDateTime = z.iso.datetime({ offset: true });

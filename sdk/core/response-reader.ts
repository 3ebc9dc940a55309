import { z } from "zod";

/**
 * Response parsing without zod's per-node bookkeeping, for the schemas vendors' answers are read with: loose
 * objects of nullable strings, numbers and arrays. A schema is turned once into a tree of small readers that
 * do what zod does for the node kinds they know (object, array, optional, nullable, string, number, boolean,
 * unknown, and a pipe's input side) and hand every other node (transforms, refinements, formats, enums,
 * unions...) to zod itself. A reader never decides that an answer is wrong: when anything is unexpected it
 * gives up, and the answer is parsed by zod, whose result (and error) is then the result. So the output is
 * always zod's, value for value and key for key; only a valid answer takes the short way.
 */

/** A reader's "not sure": zod parses the value instead. */
const GIVE_UP: unique symbol = Symbol("give up");
type Ctx = { readonly async: false };
type Reader = (value: unknown, ctx: Ctx) => unknown;

interface ZodInternals {
  readonly def: {
    readonly type: string;
    readonly checks?: readonly unknown[];
    readonly coerce?: boolean;
    readonly format?: string;
    readonly shape?: Record<string, z.ZodType>;
    readonly catchall?: z.ZodType;
    readonly element?: z.ZodType;
    readonly innerType?: z.ZodType;
    readonly in?: z.ZodType;
    readonly out?: z.ZodType;
  };
  readonly traits: Set<string>;
  readonly optin?: "optional" | "defaulted";
  readonly optout?: "optional";
  run(
    payload: { value: unknown; issues: unknown[] },
    ctx: Ctx,
  ): { value: unknown; issues: unknown[] } | Promise<unknown>;
}

const internals = (schema: z.ZodType) => (schema as unknown as { _zod: ZodInternals })._zod;

/** zod itself, on one node: its exact result, or GIVE_UP when it found issues. */
function zodReader(schema: z.ZodType): Reader {
  const zod = internals(schema);
  return (value, ctx) => {
    const r = zod.run({ value, issues: [] }, ctx);
    if (r instanceof Promise) return GIVE_UP;
    return r.issues.length === 0 ? r.value : GIVE_UP;
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function objectReader(zod: ZodInternals, schema: z.ZodType): Reader {
  const shape = zod.def.shape ?? {};
  if (Object.getOwnPropertySymbols(shape).length > 0) return zodReader(schema);
  const catchall = zod.def.catchall;
  let unknownKeys: "strip" | "keep" | "refuse" = "strip";
  if (catchall) {
    const c = internals(catchall);
    const type = c.def.type;
    if ((type === "unknown" || type === "any") && !c.def.checks?.length && !c.traits.has("$ZodCheck")) {
      unknownKeys = "keep";
    } else if (type === "never") {
      unknownKeys = "refuse";
    } else {
      return zodReader(schema);
    }
  }
  // "__proto__" is never copied by zod (assigning it would replace the result's prototype).
  const keys = Object.keys(shape).filter((k) => k !== "__proto__");
  const known = new Set(Object.keys(shape));
  const fields = keys.map((key) => {
    const f = internals(shape[key]!);
    return {
      key,
      read: readerOf(shape[key]!),
      optionalIn: f.optin !== undefined,
      defaulted: f.optin === "defaulted",
      optionalInOut: f.optin !== undefined && f.optout === "optional",
      absentOmitted: f.optin === "optional",
    };
  });
  return (input, ctx) => {
    if (!isPlainObject(input)) return GIVE_UP;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const value = f.read(input[f.key], ctx);
      if (value === GIVE_UP) return GIVE_UP;
      const present = f.key in input;
      // The same three cases as zod's object parser.
      if (f.optionalInOut) {
        if (f.absentOmitted ? present : value !== undefined || present) out[f.key] = value;
      } else if (!f.optionalIn) {
        if (!present) return GIVE_UP;
        out[f.key] = value;
      } else if (f.defaulted || value !== undefined || present) {
        out[f.key] = value;
      }
    }
    if (unknownKeys !== "strip") {
      for (const key in input) {
        if (known.has(key)) continue;
        if (unknownKeys === "refuse") return GIVE_UP;
        if (key !== "__proto__") out[key] = input[key];
      }
    }
    return out;
  };
}

function compile(schema: z.ZodType): Reader {
  const zod = internals(schema);
  const def = zod.def;
  // A node with checks (refinements, lengths, formats) or coercion is zod's to run.
  if (def.checks?.length || zod.traits.has("$ZodCheck") || def.coerce) return zodReader(schema);
  switch (def.type) {
    case "object":
      return objectReader(zod, schema);
    case "array": {
      const item = readerOf(def.element!);
      return (input, ctx) => {
        if (!Array.isArray(input)) return GIVE_UP;
        const out = new Array(input.length);
        for (let i = 0; i < input.length; i++) {
          const v = item(input[i], ctx);
          if (v === GIVE_UP) return GIVE_UP;
          out[i] = v;
        }
        return out;
      };
    }
    case "optional": {
      // `.optional()` of a defaulted schema substitutes a value for absence: zod's.
      if (internals(def.innerType!).optin === "defaulted" || !zod.traits.has("$ZodOptional")) return zodReader(schema);
      if (zod.traits.has("$ZodExactOptional")) return zodReader(schema);
      const inner = readerOf(def.innerType!);
      return (input, ctx) => (input === undefined ? undefined : inner(input, ctx));
    }
    case "nullable": {
      const inner = readerOf(def.innerType!);
      return (input, ctx) => (input === null ? null : inner(input, ctx));
    }
    case "pipe": {
      // The input side is read here; the output side (a transform) is zod's, given what zod would give it.
      const left = readerOf(def.in!);
      const right = internals(def.out!);
      return (input, ctx) => {
        const v = left(input, ctx);
        if (v === GIVE_UP) return GIVE_UP;
        const r = right.run({ value: v, issues: [] }, ctx);
        if (r instanceof Promise) return GIVE_UP;
        return r.issues.length === 0 ? r.value : GIVE_UP;
      };
    }
    case "string":
      if (def.format !== undefined) return zodReader(schema);
      return (input) => (typeof input === "string" ? input : GIVE_UP);
    case "number":
      if (def.format !== undefined) return zodReader(schema);
      return (input) => (typeof input === "number" && Number.isFinite(input) ? input : GIVE_UP);
    case "boolean":
      return (input) => (typeof input === "boolean" ? input : GIVE_UP);
    case "unknown":
    case "any":
      return (input) => input;
    default:
      return zodReader(schema);
  }
}

const readers = new WeakMap<z.ZodType, Reader>();

function readerOf(schema: z.ZodType): Reader {
  let reader = readers.get(schema);
  if (!reader) {
    reader = compile(schema);
    readers.set(schema, reader);
  }
  return reader;
}

const topLevel = new WeakMap<z.ZodType, Reader | null>();

/**
 * Parses a vendor's answer with its response schema: the same result as `schema.safeParse(value)`, faster for
 * an answer of the expected shape.
 */
export function readResponse<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  let reader = topLevel.get(schema);
  if (reader === undefined) {
    // A schema that can re-enter itself needs zod's cycle handling.
    reader = z.core.isRecursiveSchema(schema) ? null : readerOf(schema);
    topLevel.set(schema, reader);
  }
  if (reader !== null) {
    try {
      const data = reader(value, { async: false });
      if (data !== GIVE_UP) return { success: true, data: data as z.output<S> };
    } catch {
      // zod reproduces whatever went wrong, below.
    }
  }
  return schema.safeParse(value);
}

/** For tests: whether the short way reads `value` on its own (without falling back to zod). */
export function readsWithoutZodFallback(schema: z.ZodType, value: unknown): boolean {
  if (z.core.isRecursiveSchema(schema)) return false;
  return readerOf(schema)(value, { async: false }) !== GIVE_UP;
}

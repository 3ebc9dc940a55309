import type { z } from "zod";
import { didYouMean } from "./did-you-mean";
import { RequestValidationError, type ValidationIssue } from "./errors";
import { objectFieldsAt } from "./schema-helpers";

type ZodIssue = z.core.$ZodIssue;

/** Reads the value at `path` inside `input` (undefined when absent), looking inside JSON-string fields. */
export function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (typeof cur === "string") {
      try {
        cur = JSON.parse(cur);
      } catch {
        return undefined;
      }
    }
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const plural = (n: number | bigint, word: string) => `${n} ${word}${n === 1 || n === 1n ? "" : "s"}`;

function unitOf(origin: string | undefined): string | undefined {
  switch (origin) {
    case "string":
      return "character";
    case "array":
    case "set":
      return "item";
    default:
      return undefined;
  }
}

/** Turns one zod issue into rule text a user can act on ("must be at most 50 characters"). */
export function ruleOf(issue: ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "too_big": {
      const unit = unitOf(issue.origin);
      if (unit) return `must be at most ${plural(issue.maximum as number, unit)}`;
      return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
    }
    case "too_small": {
      const unit = unitOf(issue.origin);
      if (unit) {
        return issue.minimum === 1 && unit === "character"
          ? "must not be empty"
          : `must be at least ${plural(issue.minimum as number, unit)}`;
      }
      return issue.inclusive === false ? `must be greater than ${issue.minimum}` : `must be at least ${issue.minimum}`;
    }
    case "invalid_type":
      if (value === undefined) return "is required";
      if (issue.expected === "int") return "must be an integer";
      return `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_format":
      return issue.message && !issue.message.startsWith("Invalid") ? issue.message : `must be a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return "is not a known field";
    case "invalid_union":
      return "does not match any accepted form";
    default:
      return issue.message;
  }
}

/**
 * Flattens zod issues into path/rule/value triples, one per unknown key. Given the `schema`, an unknown key's
 * rule names the closest known field of its object ("did you mean 'OutputConfig'?").
 */
export function toValidationIssues(issues: readonly ZodIssue[], input: unknown, schema?: z.ZodType): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((k): k is string | number => typeof k !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const known = schema ? objectFieldsAt(schema, path) : [];
      for (const key of issue.keys) {
        const p = [...path, key];
        out.push({ path: p, rule: `${ruleOf(issue, undefined)}${didYouMean(key, known)}`, value: valueAt(input, p) });
      }
      continue;
    }
    const value = valueAt(input, path);
    out.push({ path, rule: ruleOf(issue, value), value });
  }
  return out;
}

/**
 * Validates a request against its schema before any network call.
 * @throws RequestValidationError naming each field path, rule and value.
 */
export function parseRequest<S extends z.ZodType>(action: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new RequestValidationError(action, toValidationIssues(result.error.issues, input, schema));
}

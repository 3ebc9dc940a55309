import type { FieldRule, ObjectRule, StringRule, Violation, ViolationKind } from "./rules";

/** How the values of a request arrived. */
export interface ValidateOptions {
  /**
   * `json`: typed JSON values (Tencent bodies, aicontent bodies). `form`: every top-level value is text (Alibaba
   * RPC query or form parameters): integers arrive as digits, and an empty required parameter counts as missing.
   */
  readonly wire: "json" | "form";
}

const RANK: Record<ViolationKind, number> = { unknown: 0, missing: 1, type: 2, value: 3 };

/**
 * Checks a request against its table. Returns every violation, in the order the vendors report them:
 * unknown keys, then missing required fields, then wrong types, then bad values (document order within a
 * kind). An empty list means the request is valid.
 */
export function validateRequest(table: ObjectRule, input: unknown, options: ValidateOptions): Violation[] {
  const out: Violation[] = [];
  checkObject(table, input, [], out, options.wire === "form");
  return out
    .map((v, i) => ({ v, i }))
    .sort((a, b) => RANK[a.v.kind] - RANK[b.v.kind] || a.i - b.i)
    .map((x) => x.v);
}

type Path = ReadonlyArray<string | number>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function checkObject(rule: ObjectRule, value: unknown, path: Path, out: Violation[], form: boolean): void {
  if (!isPlainObject(value)) {
    out.push({ kind: "type", path, rule: "must be an object" });
    return;
  }
  const before = out.length;
  if (rule.unknownKeys === "reject") {
    for (const key of Object.keys(value)) {
      if (!(key in rule.fields)) out.push({ kind: "unknown", path: [...path, key], rule: "is not a known parameter" });
    }
  }
  for (const [key, fieldRule] of Object.entries(rule.fields)) {
    let v = value[key];
    if (v === null || (form && path.length === 0 && v === "" && fieldRule.required)) v = undefined;
    if (v === undefined) {
      if (fieldRule.required) out.push({ kind: "missing", path: [...path, key], rule: "is required" });
      continue;
    }
    if (form && path.length === 0 && fieldRule.type === "integer" && typeof v === "string" && /^-?\d+$/.test(v)) {
      v = Number(v);
    }
    checkField(fieldRule, v, [...path, key], out, form);
  }
  const structural = out.slice(before).some((x) => x.kind !== "value");
  if (structural) return;
  for (const check of rule.checks ?? []) {
    const problem = check(value);
    if (problem) out.push({ kind: "value", path: [...path, ...problem.path], rule: problem.rule, code: problem.code });
  }
}

function checkField(rule: FieldRule, value: unknown, path: Path, out: Violation[], form: boolean): void {
  const code = rule.code;
  const bad = (text: string) => out.push({ kind: "value", path, rule: text, code });
  switch (rule.type) {
    case "string":
      if (typeof value !== "string") {
        out.push({ kind: "type", path, rule: "must be a string" });
        return;
      }
      checkString(rule, value, path, out, bad);
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) {
        out.push({ kind: "type", path, rule: "must be an integer" });
        return;
      }
      if (rule.min !== undefined && value < rule.min) bad(`must be at least ${rule.min}`);
      else if (rule.max !== undefined && value > rule.max) bad(`must be at most ${rule.max}`);
      return;
    case "any-object":
      if (!isPlainObject(value)) out.push({ kind: "type", path, rule: "must be an object" });
      return;
    case "array": {
      if (!Array.isArray(value)) {
        out.push({ kind: "type", path, rule: "must be an array" });
        return;
      }
      if (rule.minItems !== undefined && value.length < rule.minItems)
        bad(`must have at least ${items(rule.minItems)}`);
      else if (rule.maxItems !== undefined && value.length > rule.maxItems)
        bad(`must have at most ${items(rule.maxItems)}`);
      value.forEach((item, i) => {
        checkField(rule.items, item, [...path, i], out, form);
      });
      return;
    }
    case "object":
      checkObject(rule, value, path, out, form);
      return;
  }
}

const items = (n: number) => `${n} item${n === 1 ? "" : "s"}`;
const chars = (n: number) => `${n} character${n === 1 ? "" : "s"}`;

/** The first documented rule a string breaks, or undefined. */
function stringProblem(rule: StringRule, value: string): string | undefined {
  const length = [...value].length;
  if (rule.minLength !== undefined && length < rule.minLength) {
    return rule.minLength === 1 ? "must not be empty" : `must be at least ${chars(rule.minLength)}`;
  }
  if (rule.maxLength !== undefined && length > rule.maxLength) return `must be at most ${chars(rule.maxLength)}`;
  if (rule.maxBytes !== undefined && Buffer.byteLength(value, "utf8") > rule.maxBytes) {
    return `must be at most ${rule.maxBytes} bytes`;
  }
  if (rule.enum && !rule.enum.includes(value)) return `must be one of ${rule.enum.join(", ")}`;
  if (rule.pattern && !rule.pattern.regex.test(value)) return rule.pattern.rule;
  if (rule.url && !isHttpUrl(value)) return "must be an http or https URL";
  if (rule.isoDateTime && !isIsoDateTime(value)) return "must be an ISO 8601 date-time with a zone";
  return undefined;
}

function checkString(rule: StringRule, value: string, path: Path, out: Violation[], bad: (t: string) => void): void {
  const problem = stringProblem(rule, value);
  if (problem) {
    bad(problem);
    return;
  }
  if (!rule.json) return;
  let content: unknown;
  try {
    content = JSON.parse(value);
  } catch {
    bad("must be valid JSON text");
    return;
  }
  // Inside JSON text every problem is a bad value of the field that carries it.
  const inner: Violation[] = [];
  checkField(rule.json, content, path, inner, false);
  for (const v of inner) out.push({ ...v, kind: "value", code: v.code ?? rule.code });
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
function isIsoDateTime(text: string): boolean {
  return ISO.test(text) && !Number.isNaN(Date.parse(text));
}

/** Renders a path the way vendor messages name parameters: `SceneInfo.AiTryOnConfig.Model`, `FileInfos.0`. */
export function pathText(path: ReadonlyArray<string | number>): string {
  return path.map(String).join(".");
}

// Compares a request as it was sent with the input a vendor records and echoes for the job. Vendors echo
// unset fields in their own way ("" for strings, 0 for numbers, null for objects, zero dates for times) and
// fill some with documented defaults; those differences must not count, every other one must.

/** How one field is compared; built with {@link scalar}, {@link time}, {@link json}, {@link object}, {@link list}. */
export interface FieldRule {
  /** Adds the path of every difference between `requested` and `recorded` to `out`. */
  compare(requested: unknown, recorded: unknown, path: string, out: string[]): void;
  /**
   * The field as a request would carry it, read from the vendor's record (`pulumi import`): undefined when the
   * record says "unset" (or the documented default, or a value the vendor assigns on its own).
   */
  echo(recorded: unknown): unknown;
}

/** Options of a scalar field. */
export interface ScalarOptions {
  /** The vendor's documented default: a recorded (or requested) value equal to it counts as unset. */
  readonly default?: string | number | boolean | undefined;
  /** The vendor assigns a value when the request leaves the field unset (a default pipeline): any matches. */
  readonly assignedWhenUnset?: boolean | undefined;
}

const ZERO_TIMES = new Set(["0000-00-00T00:00:00Z", "0001-01-01T00:00:00Z"]);

/** null, undefined, "" and 0: how a vendor writes a field nobody set. */
function isUnset(v: unknown): boolean {
  return v === undefined || v === null || v === "" || v === 0;
}

function isNoText(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

function at(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

/** A string, number or enum: equal values match, and unset matches unset. */
export function scalar(options: ScalarOptions = {}): FieldRule {
  const norm = (v: unknown) => (isUnset(v) || (options.default !== undefined && v === options.default) ? undefined : v);
  return {
    compare(requested, recorded, path, out) {
      const a = norm(requested);
      if (a === undefined && options.assignedWhenUnset) return;
      if (a !== norm(recorded)) out.push(path);
    },
    echo: (recorded) => (options.assignedWhenUnset ? undefined : norm(recorded)),
  };
}

/** An ISO date-time: compared as an instant (offsets may differ); zero dates count as unset. */
export function time(): FieldRule {
  const norm = (v: unknown) => {
    if (isUnset(v) || (typeof v === "string" && ZERO_TIMES.has(v))) return undefined;
    const ms = typeof v === "string" ? Date.parse(v) : Number.NaN;
    return Number.isNaN(ms) ? v : ms;
  };
  return {
    compare(requested, recorded, path, out) {
      if (norm(requested) !== norm(recorded)) out.push(path);
    },
    echo: (recorded) => (norm(recorded) === undefined ? undefined : recorded),
  };
}

function parseIfJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** Deep equality of parsed JSON values: object key order does not matter, array order does. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((v, i) => sameJson(v, bs[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  return (
    keys.length === Object.keys(bo).filter((k) => bo[k] !== undefined).length &&
    keys.every((k) => Object.hasOwn(bo, k) && sameJson(ao[k], bo[k]))
  );
}

/**
 * JSON text (or the structured value it encodes): compared as parsed JSON, so spacing and key order do not
 * count. Text that is not JSON is compared as text. null, undefined and "" count as unset.
 */
export function json(): FieldRule {
  return {
    compare(requested, recorded, path, out) {
      const a = isNoText(requested) ? undefined : parseIfJson(requested);
      const b = isNoText(recorded) ? undefined : parseIfJson(recorded);
      if (!sameJson(a, b)) out.push(path);
    },
    echo: (recorded) => (isNoText(recorded) ? undefined : recorded),
  };
}

/** Options of an object field. */
export interface ObjectOptions {
  /** Applied to both sides before comparing (e.g. a value the vendor infers from the others). */
  readonly normalize?: ((value: Record<string, unknown>) => Record<string, unknown>) | undefined;
}

function asRecord(v: unknown): Record<string, unknown> {
  const parsed = parseIfJson(v);
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/**
 * An object (or JSON text of one) with known fields; fields the rule does not name are not compared. An
 * unset object (null, absent) compares as `{}`, so it matches an object whose fields are all unset.
 */
export function object(fields: Readonly<Record<string, FieldRule>>, options: ObjectOptions = {}): FieldRule {
  const norm = (v: unknown) => (options.normalize ? options.normalize(asRecord(v)) : asRecord(v));
  return {
    compare(requested, recorded, path, out) {
      const a = norm(requested);
      const b = norm(recorded);
      for (const [key, rule] of Object.entries(fields)) rule.compare(a[key], b[key], at(path, key), out);
    },
    echo(recorded) {
      const b = norm(recorded);
      const out: Record<string, unknown> = {};
      for (const [key, rule] of Object.entries(fields)) {
        const v = rule.echo(b[key]);
        if (v !== undefined) out[key] = v;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    },
  };
}

/** An array: lengths must agree (else the array's path is reported), then items compare in order. */
export function list(item: FieldRule): FieldRule {
  const norm = (v: unknown) => {
    const parsed = parseIfJson(v);
    return Array.isArray(parsed) ? parsed : [];
  };
  return {
    compare(requested, recorded, path, out) {
      const a = norm(requested);
      const b = norm(recorded);
      if (a.length !== b.length) {
        out.push(path);
        return;
      }
      for (let i = 0; i < a.length; i++) item.compare(a[i], b[i], at(path, i), out);
    },
    echo(recorded) {
      const items = norm(recorded).map((v) => item.echo(v) ?? {});
      return items.length > 0 ? items : undefined;
    },
  };
}

/** The paths of the fields where `recorded` differs from `requested` under `rule` (empty: they match). */
export function diffFields(rule: FieldRule, requested: unknown, recorded: unknown): string[] {
  const out: string[] = [];
  rule.compare(requested, recorded, "", out);
  return out;
}

/**
 * The request fields a vendor's record holds (`pulumi import`), as a request would carry them: fields the record
 * leaves unset, at their documented default or assigned by the vendor are left out. `{}` when none is set.
 */
export function echoedFields(rule: FieldRule, recorded: unknown): Record<string, unknown> {
  const v = rule.echo(recorded);
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

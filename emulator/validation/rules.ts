/**
 * The emulator's own language for request rules: one declarative table per action, written from the
 * vendors' documentation (docs/vendor-notes/). A table states each field's wire type, whether it is
 * required, its documented limits, enum values and the content of JSON-text fields; cross-field rules are
 * small functions. `request-validator.ts` applies a table; each vendor turns the first violation into its
 * own error code and envelope.
 */

/** What went wrong, in the order vendors check: an unknown key, then a missing one, a wrong type, a bad value. */
export type ViolationKind = "unknown" | "missing" | "type" | "value";

/** One broken rule: where (wire path), what kind, and the text the vendor's message carries. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly path: ReadonlyArray<string | number>;
  /** Lower-case rule text, e.g. "must be at most 20 characters". */
  readonly rule: string;
  /** A documented sub-code for this rule (Tencent `InvalidParameterValue.SessionIdTooLong`). */
  readonly code?: string | undefined;
}

interface BaseRule {
  readonly required?: boolean;
  /** The vendor's sub-code when this field's value is refused. */
  readonly code?: string;
}

export interface StringRule extends BaseRule {
  readonly type: "string";
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Limit in UTF-8 bytes (Alibaba measures UserData in bytes). */
  readonly maxBytes?: number;
  readonly enum?: readonly string[];
  /** A documented shape, with the rule text to report when it does not match. */
  readonly pattern?: { readonly regex: RegExp; readonly rule: string };
  /** An absolute http(s) URL. */
  readonly url?: boolean;
  /** ISO 8601 date-time with a zone. */
  readonly isoDateTime?: boolean;
  /** The field is JSON text; its content must follow this rule. */
  readonly json?: FieldRule;
}

export interface IntegerRule extends BaseRule {
  readonly type: "integer";
  readonly min?: number;
  readonly max?: number;
}

export interface ObjectRule extends BaseRule {
  readonly type: "object";
  readonly fields: Readonly<Record<string, FieldRule>>;
  /** Tencent answers a key it does not know with UnknownParameter; JSON contents and Alibaba ignore them. */
  readonly unknownKeys: "reject" | "ignore";
  /** Rules between fields, checked once every field is well-typed. */
  readonly checks?: readonly CrossCheck[];
}

export interface ArrayRule extends BaseRule {
  readonly type: "array";
  readonly items: FieldRule;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** An object of arbitrary keys (Alibaba `Extend`, ICE `JobParams`). */
export interface AnyObjectRule extends BaseRule {
  readonly type: "any-object";
}

export type FieldRule = StringRule | IntegerRule | ObjectRule | ArrayRule | AnyObjectRule;

/** A cross-field problem: the path is relative to the object the check belongs to. */
export interface CrossProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly rule: string;
  readonly code?: string;
}

/** A rule between fields of one object (for instance "AiTryOnConfig is required when Type is ai_try_on"). */
export type CrossCheck = (value: Readonly<Record<string, unknown>>) => CrossProblem | undefined;

/** The request table of one action. */
export interface ActionRules {
  readonly action: string;
  readonly request: ObjectRule;
}

// Small builders keep the tables close to the documentation's own tables.

/** A string field. */
export const str = (r: Omit<StringRule, "type"> = {}): StringRule => ({ type: "string", ...r });
/** An integer field (JSON integer; digits on an RPC wire). */
export const int = (r: Omit<IntegerRule, "type"> = {}): IntegerRule => ({ type: "integer", ...r });
/** An array of `items`. */
export const arr = (items: FieldRule, r: Omit<ArrayRule, "type" | "items"> = {}): ArrayRule => ({
  type: "array",
  items,
  ...r,
});
/** An object with any keys. */
export const anyObject = (r: Omit<AnyObjectRule, "type"> = {}): AnyObjectRule => ({ type: "any-object", ...r });

/** An object whose unknown keys are refused (a Tencent request body or structure). */
export const strictObj = (
  fields: Record<string, FieldRule>,
  r: Omit<ObjectRule, "type" | "fields" | "unknownKeys"> = {},
): ObjectRule => ({ type: "object", fields, unknownKeys: "reject", ...r });

/** An object whose unknown keys are ignored (JSON contents, Alibaba parameters). */
export const looseObj = (
  fields: Record<string, FieldRule>,
  r: Omit<ObjectRule, "type" | "fields" | "unknownKeys"> = {},
): ObjectRule => ({ type: "object", fields, unknownKeys: "ignore", ...r });

/** Marks a rule required. */
export const req = <R extends FieldRule>(r: R): R => ({ ...r, required: true });

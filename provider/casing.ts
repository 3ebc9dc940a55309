import type * as pulumi from "@pulumi/pulumi";

// Pulumi's convention: the vendor's field names in camelCase, mapped mechanically — first letter lowered,
// a leading acronym lowered whole (SubAppId → subAppId, AITemplateId → aiTemplateId, URL → url).
// snake_case and camelCase names (Tencent's JSON contents, aicontent) are left as they are.

type Upper =
  | "A"
  | "B"
  | "C"
  | "D"
  | "E"
  | "F"
  | "G"
  | "H"
  | "I"
  | "J"
  | "K"
  | "L"
  | "M"
  | "N"
  | "O"
  | "P"
  | "Q"
  | "R"
  | "S"
  | "T"
  | "U"
  | "V"
  | "W"
  | "X"
  | "Y"
  | "Z";

type LowerLeading<S extends string, Acc extends string = ""> = S extends `${infer A}${infer B}${infer Rest}`
  ? A extends Upper
    ? B extends Upper
      ? Rest extends `${infer C}${string}`
        ? C extends Upper
          ? LowerLeading<`${B}${Rest}`, `${Acc}${Lowercase<A>}`>
          : C extends Lowercase<C>
            ? `${Acc}${Lowercase<A>}${B}${Rest}` // AITemplate: A I T|emplate → ai + Template
            : LowerLeading<`${B}${Rest}`, `${Acc}${Lowercase<A>}`>
        : `${Acc}${Lowercase<A>}${Lowercase<B>}` // ends in two capitals: "ID" → "id"
      : `${Acc}${Lowercase<A>}${B}${Rest}`
    : `${Acc}${S}`
  : `${Acc}${Lowercase<S>}`;

/** The camelCase name of a wire field, at type level. */
export type CamelKey<S extends string> = string extends S ? S : LowerLeading<S>;

/** A wire type with every field name mapped to camelCase, recursively. Records keep their keys. */
export type Camelize<T> = T extends string | number | boolean | bigint | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? Camelize<U>[]
    : T extends object
      ? { [K in keyof T as K extends string ? CamelKey<K> : K]: Camelize<T[K]> }
      : T;

/** Makes every leaf and container of T accept a Pulumi Input (a plain value, an Output or a Promise). */
export type DeepInput<T> = T extends string | number | boolean | null | undefined
  ? pulumi.Input<T>
  : T extends readonly (infer U)[]
    ? pulumi.Input<DeepInput<U>[]>
    : T extends object
      ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
      : pulumi.Input<T>;

/** The camelCase name of a wire field (the runtime twin of {@link CamelKey}). */
export function camelKey(wire: string): string {
  const m = /^([A-Z]+)(?=[A-Z][a-z]|$)/.exec(wire);
  if (m) return m[1]!.toLowerCase() + wire.slice(m[1]!.length);
  return wire.charAt(0).toLowerCase() + wire.slice(1);
}

/** Renames every key of a vendor response structure to camelCase, recursively (not for free-form data). */
export function camelizeKeys<T>(value: T): Camelize<T> {
  if (Array.isArray(value)) return value.map((v) => camelizeKeys(v)) as Camelize<T>;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelKey(k), camelizeKeys(v)])) as Camelize<T>;
  }
  return value as Camelize<T>;
}

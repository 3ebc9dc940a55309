// The Pulumi package schema's property and type specs, and the registry of the object and enum types a
// package's properties refer to: nested request structures become named object types (camelCase properties,
// as the runtime maps them: ../casing.ts), string sets become enums. A type whose spec equals an earlier one of
// the same module is that type (Tencent's input file structure is one type however many fields hold it).
import { camelKey } from "../casing";
import type { PropertyType } from "../job-kind";
import type { JsonSchema } from "./request-json-schema";

/** A property (or a type reference) of the package schema. */
export interface PropertySpec {
  type?: string;
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  oneOf?: PropertySpec[];
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
}

/** An object type of the package schema. */
export interface ObjectTypeSpec {
  type: "object";
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

/** An enum type of the package schema (string values). */
export interface EnumTypeSpec {
  type: "string";
  description?: string;
  enum: Array<{ value: string }>;
}

/** The spec of any JSON value. */
export const ANY_SPEC: PropertySpec = { $ref: "pulumi.json#/Any" };

/** `frontal_image` → `FrontalImage`, `subAppId` → `SubAppId`: the part of a type name a property gives. */
export function pascalName(name: string): string {
  return name
    .split(/[_\W]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** The type name of a list's items: `FileInfos` → `FileInfo`, `TagList` → `TagListItem`. */
function itemName(name: string): string {
  return name.length > 1 && name.endsWith("s") ? name.slice(0, -1) : `${name}Item`;
}

/** Collects the named types of one package: tokens `<package>:<module>:<Name>`. */
export class SchemaTypes {
  readonly types: Record<string, ObjectTypeSpec | EnumTypeSpec> = {};
  private readonly byShape = new Map<string, string>();

  constructor(private readonly pkg: string) {}

  /** Registers a type (or finds the equal one), naming it `name`, else `<fallback>`; returns its `$ref`. */
  private add(module: string, names: readonly string[], spec: ObjectTypeSpec | EnumTypeSpec): string {
    const shape = `${module}|${JSON.stringify(spec)}`;
    let token = this.byShape.get(shape);
    if (!token) {
      const free = names.map((n) => `${this.pkg}:${module}:${n}`).find((t) => !(t in this.types));
      token = free ?? `${this.pkg}:${module}:${names[names.length - 1]}${Object.keys(this.types).length}`;
      this.types[token] = spec;
      this.byShape.set(shape, token);
    }
    return `#/types/${token}`;
  }

  /** The spec of a string enum, registered as a type. */
  enumRef(module: string, names: readonly string[], values: readonly unknown[], description?: string): PropertySpec {
    const spec: EnumTypeSpec = { type: "string", enum: values.map((v) => ({ value: String(v) })) };
    return withDescription({ $ref: this.add(module, names, spec) }, description);
  }

  /** The spec of a declared property type (common inputs, outputs). */
  declared(module: string, name: string, type: PropertyType = "string"): PropertySpec {
    if (type === "json") return { ...ANY_SPEC };
    if (typeof type === "string") return { type };
    if ("items" in type) return { type: "array", items: this.declared(module, itemName(name), type.items) };
    return this.enumRef(module, [pascalName(name)], type.enum);
  }

  /**
   * The spec of a request property from its JSON Schema. `prefix`: the kind's type name, which every type name
   * starts with; `names`: the names its nested types may take, most preferred first (the kind's name and the
   * property's, then longer ones through its parents), after the title the sdk gives its structure.
   */
  property(module: string, prefix: string, given: readonly string[], js: JsonSchema): PropertySpec {
    // A structure the sdk names (zod `.meta({ title })`) is that type wherever it is used.
    const names = js.title ? [`${prefix}${js.title}`, ...given] : given;
    const description = js.description;
    if (js.anyOf ?? js.oneOf) {
      const options = (js.anyOf ?? js.oneOf ?? []).map((o) => this.property(module, prefix, names, o));
      return withDescription(options.length === 1 ? options[0]! : { oneOf: options }, description);
    }
    const values = js.enum ?? (js.const !== undefined ? [js.const] : undefined);
    if (values) return this.enumRef(module, names, values, description);
    const type = Array.isArray(js.type) ? js.type.find((t) => t !== "null") : js.type;
    if (type === "array") {
      const items = js.items ? this.property(module, prefix, names.map(itemName), js.items) : ANY_SPEC;
      return withDescription({ type: "array", items }, description);
    }
    if (type === "object" && js.properties) {
      return withDescription({ $ref: this.objectType(module, prefix, names, js) }, description);
    }
    if (type === "object") {
      const values = typeof js.additionalProperties === "object" ? js.additionalProperties : {};
      const valueSpec = Object.keys(values).length ? this.property(module, prefix, names, values) : ANY_SPEC;
      return withDescription({ type: "object", additionalProperties: valueSpec }, description);
    }
    if (type === "string" || type === "integer" || type === "number" || type === "boolean") {
      return withDescription({ type }, description);
    }
    return withDescription({ ...ANY_SPEC }, description);
  }

  /** Registers the object type of a JSON Schema object; returns its `$ref`. */
  private objectType(module: string, prefix: string, names: readonly string[], js: JsonSchema): string {
    const properties: Record<string, PropertySpec> = {};
    for (const [wire, sub] of Object.entries(js.properties ?? {})) {
      const own = pascalName(wire);
      const longer = names.map((n) => `${n}${own}`);
      properties[camelKey(wire)] = this.property(module, prefix, [`${prefix}${own}`, ...longer], sub);
    }
    const required = (js.required ?? []).map(camelKey);
    const spec: ObjectTypeSpec = { type: "object", properties, ...(required.length ? { required } : {}) };
    return this.add(module, names, spec);
  }
}

function withDescription(spec: PropertySpec, description: string | undefined): PropertySpec {
  return description ? { ...spec, description } : spec;
}

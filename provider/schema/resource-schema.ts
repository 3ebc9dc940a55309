// One kind's resource in the package schema, derived from its declaration alone (so that other resources built
// from kinds, such as batches, can reuse it): the request's fields in camelCase as inputs, with the common and
// adopt inputs; the surface's outputs with the common ones; required fields as the request schema says; secret
// outputs; `replaceOnChanges` on every input whose change means a new paid job (what diff() replaces on).
import { camelKey } from "../casing";
import { type AnyJobKind, COMMON_INPUTS, COMMON_OUTPUTS, type OutputSpec } from "../job-kind";
import { IN_PLACE_INPUTS } from "../runtime/stored-inputs";
import { requestJsonSchema } from "./request-json-schema";
import { type PropertySpec, pascalName, type SchemaTypes } from "./schema-types";

/** A resource of the package schema. */
export interface ResourceSpec {
  description: string;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
  properties: Record<string, PropertySpec>;
  required: string[];
}

/** `tencent:SceneAigcImageTask` → its schema module (`tencent`) and type name (`SceneAigcImageTask`). */
export function kindModule(kindName: string): { module: string; typeName: string } {
  const i = kindName.indexOf(":");
  return { module: kindName.slice(0, i), typeName: kindName.slice(i + 1) };
}

/** Marked by the provider at run time when the resource's arguments say so (`secret` as a function). */
const RUNTIME_SECRET = "The provider marks it secret at run time when it may hold a signed URL.";

function outputProperty(types: SchemaTypes, module: string, name: string, spec: OutputSpec<unknown>): PropertySpec {
  const prop: PropertySpec = { ...types.declared(module, name, spec.type) };
  const description = spec.description ?? "";
  if (spec.secret === true) prop.secret = true;
  const text =
    typeof spec.secret === "function" && !/secret/i.test(description)
      ? `${description} ${RUNTIME_SECRET}`
      : description;
  if (text) prop.description = text.trim();
  return prop;
}

function adoptDescription(kind: AnyJobKind, name: string): string {
  const own = (kind.adoptInputDescriptions as Readonly<Record<string, string>> | undefined)?.[name];
  if (own) return own;
  return (
    `Adopts the existing job with this ${pascalName(kind.idOutput)} instead of submitting one: nothing is ` +
    "submitted or paid. The vendor fields are then only descriptive: not validated, though the required ones " +
    "must still be set. A change replaces the resource."
  );
}

/** The vendor fields (camelCase) of a kind's request, as input properties; `required`: the required ones. */
function vendorInputs(
  kind: AnyJobKind,
  types: SchemaTypes,
): { inputs: Record<string, PropertySpec>; required: string[] } {
  const { module, typeName } = kindModule(kind.name);
  const js = requestJsonSchema(kind.request);
  const owned = new Set(kind.ownedFields.filter((f) => f.path.length === 1).map((f) => f.path[0]));
  const configured: Readonly<Record<string, string>> = kind.configuredFields ?? {};
  const inputs: Record<string, PropertySpec> = {};
  for (const [wire, sub] of Object.entries(js.properties ?? {})) {
    if (owned.has(wire)) continue;
    const prop = types.property(module, typeName, [`${typeName}${pascalName(wire)}`], sub);
    const from = configured[wire];
    if (from) prop.description = `${prop.description ?? ""} Default: ${from}.`.trim();
    inputs[camelKey(wire)] = prop;
  }
  const required = (js.required ?? []).filter((w) => !owned.has(w) && !configured[w]).map(camelKey);
  return { inputs, required };
}

/** The resource spec of a kind; its nested types go into `types`. */
export function resourceSchema(kind: AnyJobKind, types: SchemaTypes): ResourceSpec {
  const { module } = kindModule(kind.name);
  const { inputs, required } = vendorInputs(kind, types);
  for (const [name, spec] of Object.entries(COMMON_INPUTS)) {
    inputs[name] = { ...types.declared("index", name, spec.type), description: spec.description };
  }
  for (const name of kind.adoptInputs as readonly string[]) {
    inputs[name] = { type: "string", description: adoptDescription(kind, name) };
  }
  for (const [name, prop] of Object.entries(inputs)) if (!IN_PLACE_INPUTS.has(name)) prop.replaceOnChanges = true;
  const properties: Record<string, PropertySpec> = {};
  const outputs: Record<string, OutputSpec<unknown>> = { ...kind.outputs, ...COMMON_OUTPUTS };
  for (const [name, spec] of Object.entries(outputs)) properties[name] = outputProperty(types, module, name, spec);
  return {
    description: kind.description ?? "",
    inputProperties: inputs,
    requiredInputs: required,
    properties,
    required: Object.keys(kind.outputs).filter((n) => n === kind.idOutput),
  };
}

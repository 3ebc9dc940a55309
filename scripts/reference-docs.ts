// The reference page of each resource (docs/reference/<resource>.md), generated from the package schema: inputs
// and outputs with their descriptions, nested types, an example in TypeScript (the dynamic resource classes),
// Python (the generated SDK) and YAML (the plugin's token), and how to import an existing job.
//
//   node dist/scripts/reference-docs.js     rewrites docs/reference/ (test/unit/repo/reference-docs.test.ts
//                                           fails while the committed pages differ from what this writes)
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnyJobKind } from "../provider/job-kind";
import { pascalName } from "../provider/schema/schema-types";
import { REFERENCE_EXAMPLES } from "./reference-examples";
import { pythonLiteral, pythonName, tsLiteral, yamlEntries } from "./reference-literals";

interface Prop {
  type?: string;
  $ref?: string;
  items?: Prop;
  additionalProperties?: Prop;
  oneOf?: Prop[];
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
}
interface TypeSpec {
  type: string;
  properties?: Record<string, Prop>;
  required?: string[];
  enum?: Array<{ value: string }>;
}
interface Resource {
  description: string;
  inputProperties: Record<string, Prop>;
  requiredInputs?: string[];
  properties: Record<string, Prop>;
}
/** The parts of the package schema the pages are written from. */
export interface ReferenceSchema {
  readonly resources: Readonly<Record<string, Resource>>;
  readonly types: Readonly<Record<string, TypeSpec>>;
}

/** `tencent:SceneAigcImageTask` → `scene-aigc-image-task.md` (the examples/ folder's name). */
export function referenceFileName(kindName: string): string {
  const type = kindName.slice(kindName.indexOf(":") + 1);
  return `${type.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase()}.md`;
}

const typeName = (ref: string) => ref.slice(ref.lastIndexOf(":") + 1);
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n+/g, " ");
const width = (text: string) => [...text].length;

/** A markdown table with its columns padded, as the repository's formatter (Biome) writes tables. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((h, i) => Math.max(width(h), 3, ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c + " ".repeat(widths[i]! - width(c))).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** The type column of a property: primitives, lists, maps, links to nested types, enums as `string`. */
function typeCell(p: Prop, schema: ReferenceSchema): string {
  if (p.oneOf) return p.oneOf.map((o) => (o.type === "string" ? "JSON text" : typeCell(o, schema))).join(" or ");
  if (p.$ref === "pulumi.json#/Any") return "any";
  if (p.$ref) {
    const t = schema.types[p.$ref.replace("#/types/", "")];
    const name = typeName(p.$ref);
    return t?.enum ? "string (enum)" : `[${name}](#${name.toLowerCase()})`;
  }
  if (p.type === "array") return `list of ${typeCell(p.items ?? {}, schema)}`;
  if (p.type === "object") return `map of ${typeCell(p.additionalProperties ?? {}, schema)}`;
  return p.type ?? "any";
}

/** A property's description, with the values of its enum. */
function describe(p: Prop, schema: ReferenceSchema): string {
  const t = p.$ref ? schema.types[p.$ref.replace("#/types/", "")] : undefined;
  const values = t?.enum ? ` One of ${t.enum.map((e) => `\`${e.value}\``).join(", ")}.` : "";
  return cell(`${p.description ?? ""}${values}`.trim());
}

/** The inputs' table; `withChange`: the "On change" column (top-level inputs; a nested field's is its parent's). */
function inputTable(
  props: Record<string, Prop>,
  required: readonly string[],
  schema: ReferenceSchema,
  withChange: boolean,
): string[] {
  const rows = Object.entries(props).map(([name, p]) => {
    const req = required.includes(name) ? "yes" : "";
    const change = p.replaceOnChanges ? "replace" : "in place";
    const cells = [`\`${name}\``, typeCell(p, schema), req, change, describe(p, schema)];
    return withChange ? cells : cells.filter((_, i) => i !== 3);
  });
  const header = ["Name", "Type", "Required", "On change", "Description"];
  return table(withChange ? header : header.filter((h) => h !== "On change"), rows);
}

function outputTable(props: Record<string, Prop>, schema: ReferenceSchema): string[] {
  const rows = Object.entries(props).map(([name, p]) => {
    // Secret by the resource's arguments: the plugin marks it at run time, as the description says.
    const secret = p.secret ? "yes" : /\bsecret\b/i.test(p.description ?? "") ? "see description" : "";
    return [`\`${name}\``, typeCell(p, schema), secret, describe(p, schema)];
  });
  return table(["Name", "Type", "Secret", "Description"], rows);
}

/** The object types the inputs reach, in the order a reader meets them. */
function nestedTypes(props: Record<string, Prop>, schema: ReferenceSchema): string[] {
  const seen: string[] = [];
  const visit = (p: Prop | undefined) => {
    if (!p) return;
    for (const o of p.oneOf ?? []) visit(o);
    visit(p.items);
    visit(p.additionalProperties);
    const token = p.$ref?.startsWith("#/types/") ? p.$ref.slice("#/types/".length) : undefined;
    const t = token ? schema.types[token] : undefined;
    if (!token || !t?.properties || seen.includes(token)) return;
    seen.push(token);
    for (const sub of Object.values(t.properties)) visit(sub);
  };
  for (const p of Object.values(props)) visit(p);
  return seen;
}

function nestedSections(props: Record<string, Prop>, schema: ReferenceSchema): string[] {
  const out: string[] = [];
  for (const token of nestedTypes(props, schema)) {
    const t = schema.types[token]!;
    out.push("", `### ${typeName(token)}`, "", ...inputTable(t.properties ?? {}, t.required ?? [], schema, false));
  }
  return out;
}

function examples(kindName: string): string[] {
  const ex = REFERENCE_EXAMPLES[kindName];
  if (!ex) throw new Error(`scripts/reference-examples.ts has no example of ${kindName}`);
  const [vendor, type] = kindName.split(":") as [string, string];
  const pyVar = pythonName(ex.name);
  const kwargs = Object.entries(ex.inputs).map(([k, v]) => `    ${pythonName(k)}=${pythonLiteral(v, 1)},`);
  return [
    "## Example",
    "",
    "TypeScript, with the dynamic resource classes (no plugin to install):",
    "",
    "```ts",
    `import { ${vendor} } from "pulumi-aigc";`,
    "",
    `const ${ex.name} = new ${vendor}.${type}(${JSON.stringify(ex.name)}, ${tsLiteral(ex.inputs, 0)});`,
    "",
    `export const ${ex.output} = ${ex.name}.${ex.output};`,
    "```",
    "",
    "Python, with the generated SDK (`pulumi_aigc`) and the `aigc` provider plugin:",
    "",
    "```python",
    "import pulumi",
    "import pulumi_aigc as aigc",
    "",
    `${pyVar} = aigc.${vendor}.${type}(`,
    `    ${JSON.stringify(ex.name)},`,
    ...kwargs,
    ")",
    "",
    `pulumi.export(${JSON.stringify(ex.output)}, ${pyVar}.${pythonName(ex.output)})`,
    "```",
    "",
    "YAML, with the `aigc` provider plugin:",
    "",
    "```yaml",
    "resources:",
    `  ${ex.name}:`,
    `    type: aigc:${kindName}`,
    "    properties:",
    ...yamlEntries(ex.inputs, 3),
    "outputs:",
    `  ${ex.output}: \${${ex.name}.${ex.output}}`,
    "```",
  ];
}

function importSection(kind: AnyJobKind): string[] {
  const id = pascalName(kind.idOutput);
  const adopt = (kind.adoptInputs as readonly string[]).map((a) => `\`${a}\``).join(" or ");
  return [
    "## Import",
    "",
    `With the plugin, an existing job is adopted by its ${id}; nothing is submitted or paid:`,
    "",
    "```sh",
    `pulumi import aigc:${kind.name} <name> <${id}>`,
    "```",
    "",
    `With the dynamic resource (TypeScript without the plugin), set ${adopt} instead.`,
  ];
}

/** The reference page of one kind. Throws when the schema or the examples lack it. */
export function referencePage(kind: AnyJobKind, schema: ReferenceSchema): string {
  const r = schema.resources[`aigc:${kind.name}`];
  if (!r) throw new Error(`the schema has no resource aigc:${kind.name}`);
  const [vendor, type] = kind.name.split(":") as [string, string];
  const lines = [
    `# ${vendor}.${type}`,
    "",
    "Back to [resources](../resources.md). Generated from the package schema by `scripts/reference-docs.ts`.",
    "",
    cell(r.description),
    "",
    `Token: \`aigc:${kind.name}\` (plugin, Python, YAML); class \`${vendor}.${type}\` of \`pulumi-aigc\` (TypeScript).`,
    "Configuration: the `aigc:*` keys ([configuration](../configuration.md)), or an explicit provider.",
    "",
    ...examples(kind.name),
    "",
    "## Inputs",
    "",
    ...inputTable(r.inputProperties, r.requiredInputs ?? [], schema, true),
    ...nestedSections(r.inputProperties, schema),
    "",
    "## Outputs",
    "",
    ...outputTable(r.properties, schema),
    "",
    ...importSection(kind),
  ];
  return `${lines.join("\n")}\n`;
}

/** Every kind's page, by file name. */
export function referencePages(kinds: readonly AnyJobKind[], schema: ReferenceSchema): Record<string, string> {
  return Object.fromEntries(kinds.map((k) => [referenceFileName(k.name), referencePage(k, schema)]));
}

function main(): void {
  // Required here: loading the kinds (and their sdk schemas) is for the generator, not for the test's import.
  const { builtinKind, BUILTIN_KIND_NAMES } = require("../provider/kinds") as typeof import("../provider/kinds");
  const { packageSchema } =
    require("../provider/schema/package-schema") as typeof import("../provider/schema/package-schema");
  const kinds = BUILTIN_KIND_NAMES.map((n) => builtinKind(n)!);
  const schema = packageSchema("0.0.0") as unknown as ReferenceSchema;
  const dir = path.resolve(__dirname, "..", "..", "docs", "reference");
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(referencePages(kinds, schema)))
    fs.writeFileSync(path.join(dir, file), text);
  process.stderr.write(`[reference-docs] ${kinds.length} pages in ${dir}\n`);
}

if (require.main === module) main();

// Example values written as each language's program writes them, for the reference pages: TypeScript object
// literals (camelCase), Python keyword arguments and dicts (snake_case, as the generated SDK names them) and
// YAML block mappings (camelCase, as the plugin's schema names them).

/** Pulumi's Python name of a schema property: `aiTemplateId` → `ai_template_id`, `callbackURL` → `callback_url`. */
export function pythonName(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

const pad = (depth: number, unit: string) => unit.repeat(depth);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A TypeScript literal, objects and arrays one entry a line, at `depth` levels of two spaces. */
export function tsLiteral(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => `${pad(depth + 1, "  ")}${tsLiteral(v, depth + 1)},\n`);
    return `[\n${items.join("")}${pad(depth, "  ")}]`;
  }
  if (isObject(value)) {
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    const entries = Object.entries(value).map(
      ([k, v]) => `${pad(depth + 1, "  ")}${key(k)}: ${tsLiteral(v, depth + 1)},\n`,
    );
    return `{\n${entries.join("")}${pad(depth, "  ")}}`;
  }
  return JSON.stringify(value);
}

/** A Python literal (dict keys in snake_case), at `depth` levels of four spaces. */
export function pythonLiteral(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => `${pad(depth + 1, "    ")}${pythonLiteral(v, depth + 1)},\n`);
    return `[\n${items.join("")}${pad(depth, "    ")}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value).map(
      ([k, v]) => `${pad(depth + 1, "    ")}${JSON.stringify(pythonName(k))}: ${pythonLiteral(v, depth + 1)},\n`,
    );
    return `{\n${entries.join("")}${pad(depth, "    ")}}`;
  }
  if (typeof value === "boolean") return value ? "True" : "False";
  return JSON.stringify(value);
}

/** YAML lines of a mapping's entries, at `depth` levels of two spaces. */
export function yamlEntries(value: Readonly<Record<string, unknown>>, depth: number): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (isObject(v) || Array.isArray(v)) {
      out.push(`${pad(depth, "  ")}${k}:`, ...yamlBlock(v, depth + 1));
    } else {
      out.push(`${pad(depth, "  ")}${k}: ${yamlScalar(v)}`);
    }
  }
  return out;
}

function yamlBlock(value: unknown, depth: number): string[] {
  if (isObject(value)) return yamlEntries(value, depth);
  const out: string[] = [];
  for (const item of value as unknown[]) {
    const lines = isObject(item) || Array.isArray(item) ? yamlBlock(item, depth + 1) : [yamlScalar(item)];
    const first = (lines[0] ?? "").trimStart();
    out.push(`${pad(depth, "  ")}- ${first}`, ...lines.slice(1));
  }
  return out;
}

function yamlScalar(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

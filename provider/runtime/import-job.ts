// `pulumi import` of a job by its vendor id (issue 20). The engine calls Read with the id and no properties; the
// provider makes one look at the job (the kind's `importLook`), fills the inputs from what the vendor recorded of
// its request, sets the kind's adopt input to the id, and records in the ledger that this resource holds the job,
// exactly as an adopting resource's create does. Nothing is ever submitted: the resource adopts its job, and
// while its adopt input names that job a change to any other input updates it in place (./adopted-diff.ts), so an
// input the vendor does not return can be declared later without paying again.
import { camelKey } from "../casing";
import type { AnyJobKind } from "../job-kind";
import { settleImportHold } from "./import-hold";
import { processLedger } from "./ledger/process-ledger";
import { contextFor } from "./lifecycle/job-context";
import { outputsOf } from "./lifecycle/job-outputs";
import type { Props } from "./lifecycle/stored-state";
import { adopt } from "./lifecycle/submission";
import { placementRecordAtCreate } from "./placement";
import { storeKindInputs } from "./stored-inputs";
import { fromWire } from "./wire-mapping";

/** What an import gives the engine. */
export interface ImportedJob {
  /** The resource id: the job id. */
  readonly id: string;
  /** The inputs the program declares (what `pulumi import` prints): the adopt input and the recovered fields. */
  readonly inputs: Props;
  /** The resource's outputs, their stored inputs those of `inputs` and the provider's defaults. */
  readonly outputs: Props;
  /** Top-level request fields (camelCase) the vendor's record did not give. */
  readonly unrecovered: readonly string[];
  /** The message for the user: what was adopted, what was recovered and what was not. */
  readonly message: string;
}

/**
 * Adopts the job `jobId` of `kind` for `pulumi import`. `defaults`: the inputs the provider adds to a program's
 * own on check (`idempotencyScope`, the holder): the outputs store them too, so that the next preview of a program
 * declaring `inputs` is unchanged.
 * @throws NotFoundError when the vendor does not know the job; IntentHeldError when another stack holds it.
 */
export async function importJob(kind: AnyJobKind, jobId: string, defaults: Props): Promise<ImportedJob> {
  const adoptInput = kind.adoptInputs[0];
  if (!adoptInput) throw new Error(`${kind.name} has no adopt input: its jobs cannot be imported`);
  const probe = contextFor(kind, { ...defaults, [adoptInput]: jobId }, "");
  const look = kind.importLook
    ? await kind.importLook(probe, jobId)
    : { view: await kind.observe(probe, jobId), request: {} };
  const vendor = fromWire(kind.request, withoutOwnedFields(kind, look.request)) as Props;
  const placeholders = requiredPlaceholders(kind, vendor);
  const inputs: Props = { ...placeholders, ...vendor, [adoptInput]: jobId };
  const all: Props = { ...inputs, ...defaults };
  const { ctx, got, claimedNow } = await adopt(kind, all, jobId, look.view);
  // Held only once the import is seen stored: a preview-only or declined import must hold nothing.
  await settleImportHold(await processLedger(), got.key, claimedNow);
  const stored = { ...storeKindInputs(kind, all), ...placementRecordAtCreate(all, ctx.placement) };
  const outputs = outputsOf(kind, stored, look.view, got.key, 0);
  const unrecovered = unrecoveredFields(kind, vendor);
  const message = importMessage(kind, jobId, adoptInput, Object.keys(vendor), unrecovered, Object.keys(placeholders));
  ctx.log(message);
  return { id: jobId, inputs, outputs, unrecovered, message };
}

/** The request's top-level fields (camelCase) that are neither recovered nor the provider's own. */
export function unrecoveredFields(kind: AnyJobKind, recovered: Props): string[] {
  const shape = (kind.request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const owned = new Set(kind.ownedFields.filter((f) => f.path.length === 1).map((f) => camelKey(f.path[0]!)));
  return Object.keys(shape)
    .map(camelKey)
    .filter((k) => !(k in recovered) && !owned.has(k))
    .sort();
}

/**
 * Placeholders for the required request fields (as the package schema marks them) the vendor did not return: the
 * zero value of each field's type. `pulumi import` prints a program with every required input, filling a missing
 * one with that zero value: the outputs must store the same, or the next preview of that program shows a change.
 */
export function requiredPlaceholders(kind: AnyJobKind, recovered: Props): Props {
  const { requestJsonSchema } =
    require("../schema/request-json-schema") as typeof import("../schema/request-json-schema");
  const js = requestJsonSchema(kind.request);
  const configured = kind.configuredFields ?? {};
  const out: Props = {};
  for (const wire of js.required ?? []) {
    const name = camelKey(wire);
    if (name in recovered || configured[wire] || kind.ownedFields.some((f) => f.path.join(".") === wire)) continue;
    const type = js.properties?.[wire]?.type;
    const zero = ZERO_VALUES[typeof type === "string" ? type : ""];
    if (zero !== undefined) out[name] = structuredClone(zero);
  }
  return out;
}

/** The zero value Pulumi's code generators print for a required property of each JSON type. */
const ZERO_VALUES: Readonly<Record<string, unknown>> = {
  string: "",
  integer: 0,
  number: 0,
  boolean: false,
  array: [],
  object: {},
};

function importMessage(
  kind: AnyJobKind,
  jobId: string,
  adoptInput: string,
  recovered: readonly string[],
  unrecovered: readonly string[],
  placeholders: readonly string[],
): string {
  const from = recovered.length ? `inputs recovered from the vendor's record: ${[...recovered].sort().join(", ")}` : "";
  const held = placeholders.length
    ? ` (${placeholders.join(", ")}: required, so given its type's zero value as a placeholder)`
    : "";
  const not = unrecovered.length
    ? `not recovered (the vendor does not return them, or they were unset): ${unrecovered.join(", ")}${held}; ` +
      `declare them if you wish: while ${adoptInput} names the job, a change to any other input updates the ` +
      "resource in place and never submits a job"
    : "";
  return (
    `imported ${kind.name} ${jobId} by adopting it (${adoptInput}): nothing was submitted` +
    `${from ? `; ${from}` : ""}${not ? `; ${not}` : ""}`
  );
}

/**
 * The echoed request without the fields the provider owns (a UserData marker of an earlier submission: a program
 * that declared it would be refused at preview). Owned paths may lead into JSON text (UserData): it is parsed,
 * and written back without the field, or dropped when nothing else is left.
 */
export function withoutOwnedFields(kind: AnyJobKind, wire: Readonly<Props>): Props {
  let out: Props = { ...wire };
  for (const f of kind.ownedFields) out = (dropPath(out, f.path) as Props | undefined) ?? {};
  return out;
}

function dropPath(value: unknown, path: readonly string[]): unknown {
  if (typeof value === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return value;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return value;
    const dropped = dropPath(parsed, path);
    if (dropped === parsed) return value; // untouched: keep the text as the vendor returned it
    return dropped === undefined ? undefined : JSON.stringify(dropped);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value) || path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const obj = value as Props;
  if (!(head in obj)) return value;
  const next = rest.length === 0 ? undefined : dropPath(obj[head], rest);
  if (next === obj[head]) return value;
  const { [head]: _gone, ...others } = obj;
  const out = next === undefined ? others : { ...others, [head]: next };
  return Object.keys(out).length > 0 ? out : undefined;
}

// A kind's batch resource in the package schema (../batch/), derived from the kind's own resource schema
// (./resource-schema.ts): `items` is a map of an object type holding the kind's inputs less the batch-level ones,
// the batch-level inputs are the kind's own, and the outputs are `items` (a map of the kind's outputs) and
// `counts`. Nothing on a batch replaces it: each item is replaced alone (docs/batches.md).

import { BATCH_INPUTS, batchName } from "../batch/batch-surface";
import type { AnyJobKind } from "../job-kind";
import { kindModule, type ResourceSpec, resourceSchema } from "./resource-schema";
import type { PropertySpec, SchemaTypes } from "./schema-types";

const isBatchInput = (name: string) => (BATCH_INPUTS as readonly string[]).includes(name);

/** The properties without `replaceOnChanges` (an object type's properties take none; a batch never replaces). */
function inPlace(props: Record<string, PropertySpec>): Record<string, PropertySpec> {
  return Object.fromEntries(
    Object.entries(props).map(([k, { replaceOnChanges: _r, ...p }]) => [k, p] as [string, PropertySpec]),
  );
}

/** The resource spec of a kind's batch (`aigc:<vendor>:<Type>Set`); its item types go into `types`. */
export function batchResourceSchema(kind: AnyJobKind, types: SchemaTypes, packageName: string): ResourceSpec {
  const one = resourceSchema(kind, types);
  const { module, typeName } = kindModule(kind.name);
  const itemToken = `${packageName}:${module}:${typeName}SetItem`;
  const resultToken = `${packageName}:${module}:${typeName}SetItemResult`;
  const countsToken = `${packageName}:index:BatchCounts`;
  const itemInputs = inPlace(Object.fromEntries(Object.entries(one.inputProperties).filter(([k]) => !isBatchInput(k))));
  types.types[itemToken] = {
    type: "object",
    description: `One item of a ${batchName(kind.name)}: the args of one ${kind.name} job.`,
    properties: itemInputs,
    required: one.requiredInputs.filter((k) => !isBatchInput(k)),
  };
  types.types[resultToken] = {
    type: "object",
    description: `One item's job in a ${batchName(kind.name)}: its id, status and results.`,
    properties: inPlace(one.properties),
  };
  types.types[countsToken] = {
    type: "object",
    description: "How many items of a batch are where.",
    properties: {
      total: { type: "integer", description: "Items declared." },
      succeeded: { type: "integer", description: "Items whose job finished with a result." },
      failed: { type: "integer", description: "Items whose job ended without a result." },
      unfinished: { type: "integer", description: "Items whose job is still running, or not submitted yet." },
    },
    required: ["total", "succeeded", "failed", "unfinished"],
  };
  const batchInputs = inPlace(Object.fromEntries(Object.entries(one.inputProperties).filter(([k]) => isBatchInput(k))));
  return {
    description:
      `Many ${kind.name} jobs in one resource, keyed by your own ids: each item is submitted once with its own ` +
      "ledger scope, all are waited for together, and a changed item is replaced alone.",
    inputProperties: {
      items: {
        type: "object",
        additionalProperties: { $ref: `#/types/${itemToken}` },
        description: "The items, keyed by your own ids (a SKU, a video id): each is one job.",
      },
      ...batchInputs,
    },
    requiredInputs: ["items"],
    properties: {
      items: {
        type: "object",
        additionalProperties: { $ref: `#/types/${resultToken}` },
        description: "Each item's job: its id, status and results (secret when any item's results are).",
      },
      counts: { $ref: `#/types/${countsToken}`, description: "How many items succeeded, failed, or are unfinished." },
    },
    required: ["items", "counts"],
  };
}

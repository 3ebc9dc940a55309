// The file ledger's format version and its numbered, forward-only migration steps. `ledger.json` names the
// version; a directory written before versions were counted (pulumi-aigc up to this one) reads as version 1.
// Each step runs once per directory, in order, and records its version in ledger.json when done. Steps must be
// idempotent: two runners opening an old directory at once may both run a step (the second finds it done).
import { randomUUID } from "node:crypto";
import * as path from "node:path";
import { createExclusive, readJsonFile, writeAtomic } from "./file-store";
import { LEDGER_FORMAT } from "./intent-codec";
import { LedgerError } from "./ledger";

/** The identity file of a file ledger. */
export interface FileLedgerMeta {
  readonly format: typeof LEDGER_FORMAT;
  readonly version: number;
  readonly id: string;
  readonly createdAt: string;
  readonly migratedAt?: string | undefined;
}

/** One step from version `to - 1` to `to`. */
export interface FileLedgerStep {
  readonly to: number;
  /** What the step changes, for the record. */
  readonly name: string;
  /** Rewrites what must change in the directory `root`; idempotent. */
  readonly run: (root: string) => void;
}

/** Every step, in order. The last one's `to` is the version this code writes. */
export const FILE_LEDGER_STEPS: readonly FileLedgerStep[] = [
  {
    to: 2,
    // Intents may carry `holder` (the resource that owns them). Version 1 records have none, which reads as
    // "not yet owned": no record is rewritten, and nothing in flight changes.
    name: "intents may name their holder",
    run: () => undefined,
  },
];

/** The version this code reads and writes. */
export const FILE_LEDGER_VERSION = FILE_LEDGER_STEPS[FILE_LEDGER_STEPS.length - 1]?.to ?? 1;

/**
 * Reads (creating if absent) `root/ledger.json`, then migrates the directory forward to FILE_LEDGER_VERSION.
 * @throws LedgerError for a file that is not a ledger identity, or one written by a newer pulumi-aigc.
 */
export function openFileLedgerMeta(root: string): FileLedgerMeta {
  const file = path.join(root, "ledger.json");
  const fresh: FileLedgerMeta = {
    format: LEDGER_FORMAT,
    version: FILE_LEDGER_VERSION,
    id: randomUUID(),
    createdAt: new Date().toISOString(),
  };
  // Two first runs at once: one link wins, the other reads the winner's identity.
  createExclusive(file, fresh);
  let meta = readMeta(file);
  for (const step of FILE_LEDGER_STEPS) {
    if (meta.version >= step.to) continue;
    step.run(root);
    meta = { ...meta, version: step.to, migratedAt: new Date().toISOString() };
    writeAtomic(file, meta);
  }
  return meta;
}

function readMeta(file: string): FileLedgerMeta {
  const read = readJsonFile(file);
  const m = "value" in read ? (read.value as Partial<FileLedgerMeta> | null) : undefined;
  if (m?.format !== LEDGER_FORMAT || typeof m.id !== "string") {
    throw new LedgerError(`${file} is not a pulumi-aigc ledger identity file`);
  }
  // Before versions were counted, every ledger.json said 1.
  const version = m.version === undefined ? 1 : m.version;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new LedgerError(`${file}: format version ${JSON.stringify(m.version)} is not one pulumi-aigc wrote`);
  }
  if (version > FILE_LEDGER_VERSION) {
    throw new LedgerError(
      `the ledger at ${path.dirname(file)} has format version ${version}, newer than this pulumi-aigc reads ` +
        `(${FILE_LEDGER_VERSION}): upgrade pulumi-aigc on this runner`,
    );
  }
  return { ...(m as FileLedgerMeta), version };
}

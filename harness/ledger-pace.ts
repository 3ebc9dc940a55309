// The file ledger's pace under a batch (issue 21): one batch of N items created against a vendor that answers
// at once, on a file ledger in a temp directory, so that the time is the ledger's and the lifecycle's own.
// Prints items/s and durable writes (renames and links) per item. Cheap and reproducible:
//   npx tsc -p tsconfig.json && node dist/harness/ledger-pace.js [N=1000] [dir]
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { createBatch } from "../provider/batch/batch-lifecycle";
import { configureFrom } from "../provider/runtime/provider-config";
import { instantKind } from "./instant-kind";

/** Counts the fsyncs (files and directories) the ledger makes. */
async function countSyncs(dir: string): Promise<() => number> {
  let n = 0;
  const fh = await fs.promises.open(path.join(dir, "probe"), "w");
  const proto = Object.getPrototypeOf(fh) as { sync: (...a: unknown[]) => Promise<void> };
  await fh.close();
  const orig = proto.sync;
  proto.sync = function (this: unknown, ...a: unknown[]) {
    n++;
    return orig.apply(this, a);
  };
  return () => n;
}

/** Counts the renames and links the ledger makes (each durable write, and each lock, ends in one). */
function countWrites(): () => number {
  let n = 0;
  // The module object itself: the ledger's `import * as fs` reads through to it.
  const real = createRequire(__filename)("node:fs") as typeof fs;
  const p = real.promises as unknown as Record<string, (...a: unknown[]) => unknown>;
  const s = real as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const [obj, name] of [
    [p, "rename"],
    [p, "link"],
    [s, "renameSync"],
    [s, "linkSync"],
  ] as const) {
    const orig = obj[name]!;
    obj[name] = (...a: unknown[]) => {
      n++;
      return orig.apply(obj, a);
    };
  }
  return () => n;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1000);
  const dir = fs.mkdtempSync(path.join(process.argv[3] ?? os.tmpdir(), "ledger-pace-"));
  const config: Record<string, string> = { "aigc:ledger": `file://${dir}`, "aigc:maxSubmissionsPerUpdate": "1000000" };
  configureFrom({ get: (k) => config[k] });
  const writes = countWrites();
  const syncs = await countSyncs(dir);
  const items = Object.fromEntries(Array.from({ length: n }, (_, i) => [`item-${i}`, { name: `N${i}` }]));
  const t0 = Date.now();
  const { outs } = await createBatch(instantKind, {
    __provider: "batch-provider",
    __holder: "s-pace|p/s|test:PacedSet/cat",
    idempotencyScope: "p/s/test:PacedSet/cat",
    items,
  });
  const s = (Date.now() - t0) / 1000;
  const cpu = process.cpuUsage();
  const counts = outs.counts as { succeeded: number };
  console.log(
    `${n} items: ${s.toFixed(1)} s, ${(n / s).toFixed(1)} items/s, ${(writes() / n).toFixed(2)} renames+links/item, ` +
      `${(syncs() / n).toFixed(2)} fsyncs/item, ` +
      `${counts.succeeded} succeeded; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

void main();

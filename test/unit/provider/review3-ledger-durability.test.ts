// Adversarial review of the file ledger's asynchronous writes (branch ledger-speed): holes found, as failing tests.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { withLockFile } from "../../../provider/runtime/ledger/file-store";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("file ledger lock files (review3)", () => {
  // withLockFile reads the holder asynchronously; a holder it cannot read (ENOENT: the lock was just released) is
  // taken for dead and the lock path removed — by then another waiter may have linked its own lock there, which
  // this rm deletes: two runners inside one read-modify-write (a lost update of an intent or of a scope's epoch).
  it.fails("a live lock is never removed by another waiter (mutual exclusion, stale lock)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review3-lock-"));
    dirs.push(dir);
    const lock = path.join(dir, "scope.lock");
    let inside = 0;
    let maxInside = 0;
    // Waiters arrive a little apart, as a batch's items do.
    const one = (_: unknown, i: number) =>
      new Promise((r) => setTimeout(r, i % 4)).then(() =>
        withLockFile(lock, "runner", async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setImmediate(r));
          await fs.promises.stat(dir);
          inside--;
        }),
      );
    for (let round = 0; round < 60 && maxInside < 2; round++) {
      // A stale lock (a dead holder, long ago): every waiter reads it dead and removes the lock path, some after
      // the first waiter has already linked its own lock there.
      fs.writeFileSync(
        lock,
        JSON.stringify({ runner: "gone", host: os.hostname(), pid: 2 ** 22 + 7, at: "2000-01-01T00:00:00Z" }),
      );
      await Promise.all(Array.from({ length: 16 }, one));
    }
    expect(maxInside).toBe(1);
  }, 60_000);
});

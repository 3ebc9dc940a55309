// Adversarial review of the file ledger's asynchronous writes (branch ledger-speed): holes found, as failing tests.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileLedger } from "../../../provider/runtime/ledger/file-ledger";
import { withLockFile } from "../../../provider/runtime/ledger/file-store";

const dirs: string[] = [];
const opened: FileLedger[] = [];
afterEach(async () => {
  for (const l of opened.splice(0)) await l.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmpDir = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `review3-${name}-`));
  dirs.push(dir);
  return dir;
};
/** A lock file as a runner that died holding it leaves it (a pid that runs no more, long ago). */
const staleLock = (file: string) =>
  fs.writeFileSync(
    file,
    JSON.stringify({ runner: "gone", host: os.hostname(), pid: 2 ** 22 + 7, at: "2000-01-01T00:00:00Z" }),
  );
/** Waiters arrive a little apart, as a batch's items or other runners do. */
const apart = (i: number) => new Promise((r) => setTimeout(r, i % 4));

describe("file ledger lock files (review3)", () => {
  // withLockFile reads the holder, then removes the lock path if the holder is dead (or unreadable: ENOENT), now
  // with awaits between: every waiter that read the stale holder removes the path, some after the first waiter
  // has linked its own live lock there. Two holders inside one read-modify-write (lost update of an intent or of
  // a scope's epoch). The removal is not conditional on the file being the one that was judged dead.
  it("a live lock is never removed by another waiter (mutual exclusion, stale lock)", async () => {
    const lock = path.join(tmpDir("lock"), "scope.lock");
    let inside = 0;
    let maxInside = 0;
    const one = (_: unknown, i: number) =>
      apart(i).then(() =>
        withLockFile(lock, "runner", async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setImmediate(r));
          await fs.promises.stat(lock);
          inside--;
        }),
      );
    for (let round = 0; round < 30 && maxInside < 2; round++) {
      staleLock(lock);
      await Promise.all(Array.from({ length: 16 }, one));
    }
    expect(maxInside).toBe(1);
  }, 60_000);

  // The consequence for exactly-once: a runner that died mid-update left its claim and the claim's lock file.
  // The runners that then find the claim (a dead owner's) take it over under that lock; two that both break the
  // stale lock both take the claim over: both "own" it, both send the submit (pays twice).
  it("two runners never both take over one dead runner's claim (stale lock on the intent)", async () => {
    const dir = tmpDir("takeover");
    const runners = Array.from({ length: 8 }, () => FileLedger.open(dir));
    opened.push(...runners);
    let most = 0;
    for (let round = 0; round < 30 && most < 2; round++) {
      const key = `pa-r3-${round}`;
      // The dead owner: a runner id with no liveness record (as after a SIGKILL and its record's removal).
      const dead = "dead-runner";
      const claimed = await runners[0]!.claim({ key, scope: "proj/dev/k/a", kind: "k", epoch: 0, digest: "d1" });
      fs.writeFileSync(path.join(dir, "intents", `${key}.json`), JSON.stringify({ ...claimed.intent, owner: dead }));
      staleLock(path.join(dir, "locks", `${key}.lock`));
      const won = await Promise.all(runners.map((r, i) => apart(i).then(() => r.takeOver(key, dead))));
      most = Math.max(most, won.filter((w) => w !== undefined).length);
    }
    expect(most).toBe(1);
  }, 60_000);

  // docs/ledger.md: a lock is "broken by pid on the same host, by age from another". The code breaks it by age on
  // the same host too (10 s), holder alive or not. With the writes now asynchronous, a live holder's critical
  // section waits for its fsyncs behind a whole batch's queued I/O (4 threadpool threads, ~10 ms per fsync here,
  // more on a slow or network disk), so a live same-host lock can reach that age: it is broken while held.
  it("a lock whose holder is a live process on this host is not broken by age", async () => {
    const lock = path.join(tmpDir("age"), "scope.lock");
    const at = new Date(Date.now() - 11_000).toISOString();
    fs.writeFileSync(lock, JSON.stringify({ runner: "live", host: os.hostname(), pid: process.pid, at }));
    const entered = withLockFile(lock, "other", () => "entered");
    const waited = new Promise((r) => setTimeout(() => r("waited"), 300));
    expect(await Promise.race([entered, waited])).toBe("waited");
    fs.rmSync(lock, { force: true }); // the live holder finishes: the waiter goes on
    await entered;
  }, 20_000);
});

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileLedger } from "../../../provider/runtime/ledger/file-ledger";
import { syncDirGrouped } from "../../../provider/runtime/ledger/file-store";
import { EPOCH_RETENTION_MS } from "../../../provider/runtime/ledger/gc-ages";
import type { Ledger } from "../../../provider/runtime/ledger/ledger";
import { importJournal } from "../../../provider/runtime/ledger/open-ledger";
import { describeLedgerContract } from "./ledger-contract";

const dirs: string[] = [];
const opened: Ledger[] = [];
let current = "";
afterEach(async () => {
  for (const l of opened.splice(0)) await l.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const track = (l: Ledger) => {
  opened.push(l);
  return l;
};

describeLedgerContract("file", {
  async open() {
    current = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-"));
    dirs.push(current);
    return track(FileLedger.open(current));
  },
  async second() {
    return track(FileLedger.open(current));
  },
  async kill(ledger) {
    // As after a SIGKILL: the owner record names a process that no longer runs.
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const file = path.join(current, "owners", `${ledger.runner.id}.json`);
    const rec = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...rec, pid: Number(dead.stdout), startTicks: undefined }));
  },
  async corrupt(_ledger, key) {
    fs.writeFileSync(path.join(current, "intents", `${key}.json`), "{ not json");
  },
});

describe("file ledger on disk", () => {
  it("writes durably: no temporary files are left after claims and updates", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-"));
    dirs.push(dir);
    const l = track(FileLedger.open(dir));
    await l.claim({ key: "pa-t1", scope: "p/s/k/n", kind: "k", epoch: 0, digest: "d" });
    await l.update("pa-t1", { state: "submitted", jobId: "j" });
    await l.release("pa-t1");
    const all = fs.readdirSync(dir, { recursive: true }) as string[];
    expect(all.filter((f) => f.endsWith(".tmp") || f.endsWith(".lock"))).toEqual([]);
  });

  it("group commit: an fsync asked for while one runs is the next one, shared by all who ask meanwhile", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-"));
    dirs.push(dir);
    const first = syncDirGrouped(dir);
    const second = syncDirGrouped(dir);
    const third = syncDirGrouped(dir);
    // The running fsync may have started before the second caller's rename: it never answers for it.
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    await Promise.all([first, second, third]);
    const after = syncDirGrouped(dir);
    expect(after).not.toBe(second);
    await after;
  });

  it("imports a 0.1 submission journal and moves its files aside", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-"));
    const journal = fs.mkdtempSync(path.join(os.tmpdir(), "journal-"));
    dirs.push(dir, journal);
    const entry = {
      key: "pa-legacy",
      kind: "alibaba:ProductionJob",
      state: "submitted",
      jobId: "abc",
      startedAt: "2026-11-30T00:00:00Z",
    };
    fs.writeFileSync(path.join(journal, "pa-legacy.json"), JSON.stringify(entry));
    const l = track(FileLedger.open(dir));
    expect(await importJournal(l, journal)).toBe(1);
    expect(await l.get("pa-legacy")).toMatchObject({ state: "submitted", jobId: "abc", legacy: true });
    expect(fs.existsSync(path.join(journal, "migrated", "pa-legacy.json"))).toBe(true);
    expect(await importJournal(l, journal)).toBe(0);
  });

  it("collects released jobs: after gc, nothing of them is left but the ledger's own files", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-"));
    dirs.push(dir);
    const l = track(FileLedger.open(dir)) as FileLedger;
    const base = l.bytes();
    for (let i = 0; i < 60; i++) {
      const key = `pa-g${i}`;
      await l.claim({ key, scope: `p/s/k/r${i % 6}`, kind: "k", epoch: Math.floor(i / 6), digest: "d" });
      await l.update(key, { state: "submitted", jobId: `job-${i}`, attempts: 1, owner: undefined });
      await l.release(key);
    }
    expect(l.bytes()).toBeGreaterThan(base);
    // Epochs are kept for the vendors' dedup window (gc-ages.ts) whatever age gc is given: collect after it.
    const gc = await l.gc(0, Date.now() + EPOCH_RETENTION_MS + 1_000);
    expect(gc.removed).toBe(60);
    expect(fs.readdirSync(path.join(dir, "intents"))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, "scopes"))).toEqual([]);
  });

  it("fails closed on the same corruptions as the PostgreSQL ledger (one codec), naming the file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-"));
    dirs.push(dir);
    const l = track(FileLedger.open(dir));
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ["pa-c1", { placement: "eu" }, /placement "eu" is not a placement/],
      ["pa-c2", { heldIds: ["e1", null] }, /heldIds is not a list of ids/],
      ["pa-c3", { outcome: { status: "FINISH" } }, /outcome .* is not an outcome/],
      ["pa-c4", { state: "SUBMITTED" }, /state "SUBMITTED" is not one of/],
      ["pa-c5", { attempts: -1 }, /attempts is -1/],
      ["pa-c6", { createdAt: "yesterday" }, /createdAt is not a time/],
    ];
    for (const [key, change, why] of cases) {
      await l.claim({ key, scope: `p/s/k/${key}`, kind: "k", epoch: 0, digest: "d" });
      const file = path.join(dir, "intents", `${key}.json`);
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, "utf8")), ...change }));
      const err = (await l.get(key).catch((e: Error) => e)) as Error;
      expect(err.message, key).toMatch(new RegExp(`ledger entry .*${key}\\.json is unreadable`));
      expect(err.message, key).toMatch(why);
      await expect(l.update(key, { attempts: 1 }), key).rejects.toThrow(key);
      await expect(l.release(key), key).rejects.toThrow(key);
    }
    expect((await l.scan()).unreadable.map((u) => u.key).sort()).toEqual(cases.map(([k]) => k));
  });
});

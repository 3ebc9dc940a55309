// The contract every submission ledger keeps (file and PostgreSQL alike), as a suite each backend's test runs.
import { describe, expect, it } from "vitest";
import type { Ledger, NewIntent } from "../../../provider/runtime/ledger/ledger";
import { repairClaim } from "../../../provider/runtime/ledger/repair-claim";

/** A fresh, empty ledger per call; `second` opens the same ledger as another runner (another process). */
export interface LedgerUnderTest {
  open(): Promise<Ledger>;
  second(): Promise<Ledger>;
  /** Makes the runner of `ledger` look dead to others (its process gone), without closing it. */
  kill(ledger: Ledger): Promise<void>;
  /** Corrupts the stored record of `key` so that it cannot be read. */
  corrupt(ledger: Ledger, key: string): Promise<void>;
}

const intent = (key: string, scope = "proj/dev/tencent:SceneAigcImageTask/a", epoch = 0): NewIntent => ({
  key,
  scope,
  kind: "tencent:SceneAigcImageTask",
  epoch,
  digest: "d1",
});

export function describeLedgerContract(name: string, backend: LedgerUnderTest): void {
  describe(`${name} ledger contract`, () => {
    it("has an identity shared by every runner of the same ledger", async () => {
      const a = await backend.open();
      const b = await backend.second();
      expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(b.id).toBe(a.id);
      expect(b.runner.id).not.toBe(a.runner.id);
    });

    it("claims an intent exactly once: the second claim sees the first, with its owner alive", async () => {
      const a = await backend.open();
      const b = await backend.second();
      const first = await a.claim(intent("pa-k1"));
      expect(first.claimed).toBe(true);
      expect(first.intent).toMatchObject({ key: "pa-k1", state: "claimed", attempts: 0, owner: a.runner.id });
      const second = await b.claim(intent("pa-k1"));
      expect(second.claimed).toBe(false);
      if (second.claimed) return;
      expect(second.owner).toBe("live");
      expect(second.ownerInfo?.id).toBe(a.runner.id);
      expect(await b.takeOver("pa-k1", second.intent.owner)).toBeDefined(); // CAS succeeds only for the expected owner
      expect(await a.takeOver("pa-k1", a.runner.id)).toBeUndefined(); // a no longer owns it
    });

    it("lets exactly one of many concurrent claimers win", async () => {
      const runners = [await backend.open(), ...(await Promise.all([1, 2, 3, 4].map(() => backend.second())))];
      const results = await Promise.all(runners.map((r) => r.claim(intent("pa-race"))));
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
    });

    it("tells a dead owner from a live one, and a dead owner's claim can be taken over", async () => {
      const a = await backend.open();
      const b = await backend.second();
      await a.claim(intent("pa-k2"));
      await backend.kill(a);
      const seen = await b.claim(intent("pa-k2"));
      expect(seen.claimed).toBe(false);
      if (seen.claimed) return;
      expect(seen.owner).toBe("dead");
      const mine = await b.takeOver("pa-k2", seen.intent.owner);
      expect(mine?.owner).toBe(b.runner.id);
      expect((await b.ownerStatus(mine!)).status).toBe("self");
    });

    it("records updates durably and returns them to another runner", async () => {
      const a = await backend.open();
      await a.claim(intent("pa-k3"));
      await a.update("pa-k3", { state: "submitted", jobId: "job-1", attempts: 1, owner: undefined });
      const b = await backend.second();
      expect(await b.get("pa-k3")).toMatchObject({ state: "submitted", jobId: "job-1", attempts: 1 });
      expect((await b.get("pa-k3"))?.owner).toBeUndefined();
    });

    it("keeps the resource that holds an intent: set at claim, changed by update, absent when never set", async () => {
      const a = await backend.open();
      await a.claim({ ...intent("pa-kh"), holder: "s-abc|proj/dev|tencent:AigcSubject/a" });
      await a.claim(intent("pa-kn"));
      expect((await a.get("pa-kh"))?.holder).toBe("s-abc|proj/dev|tencent:AigcSubject/a");
      expect((await a.get("pa-kn"))?.holder).toBeUndefined();
      await a.update("pa-kh", { holder: "s-abc|proj/dev|tencent:AigcSubject/b" });
      const b = await backend.second();
      expect((await b.get("pa-kh"))?.holder).toBe("s-abc|proj/dev|tencent:AigcSubject/b");
    });

    it("releases an intent as a tombstone and moves its scope to the next epoch", async () => {
      const a = await backend.open();
      const scope = "proj/dev/tencent:AigcSubject/s";
      expect(await a.epoch(scope)).toBe(0);
      await a.claim(intent("pa-k4", scope, 0));
      await a.update("pa-k4", { state: "submitted", jobId: "job-4", heldIds: ["el-4"] });
      await a.release("pa-k4");
      expect(await a.epoch(scope)).toBe(1);
      const t = await a.get("pa-k4");
      expect(t).toMatchObject({ state: "released", jobId: "job-4" });
      expect(t?.releasedAt).toBeTruthy();
      expect(t?.heldIds).toBeUndefined(); // tombstones are compact
      await a.release("pa-k4"); // idempotent
      expect(await a.epoch(scope)).toBe(1);
    });

    it("lists by scope prefix, state and held vendor id", async () => {
      const a = await backend.open();
      await a.claim(intent("pa-l1", "p/dev/k/a"));
      await a.claim(intent("pa-l2", "p/prod/k/b"));
      await a.update("pa-l2", { state: "submitted", jobId: "j2", heldIds: ["e2"] });
      expect((await a.list({ scopePrefix: "p/dev/" })).map((i) => i.key)).toEqual(["pa-l1"]);
      expect((await a.list({ states: ["submitted"] })).map((i) => i.key)).toEqual(["pa-l2"]);
      expect((await a.list({ holding: "e2" })).map((i) => i.key)).toEqual(["pa-l2"]);
      expect((await a.list({ holding: "j2" })).map((i) => i.key)).toEqual(["pa-l2"]);
    });

    it("a cached listing lists once: own writes since are in it, another runner's once read (issue 21)", async () => {
      const a = await backend.open();
      const b = await backend.second();
      await a.claim(intent("pa-c1", "proj/dev/k/c1"));
      expect((await a.list({ cached: true })).map((i) => i.key)).toEqual(["pa-c1"]);
      await b.claim(intent("pa-c2", "proj/dev/k/c2"));
      await a.claim(intent("pa-c3", "proj/dev/k/c3"));
      await a.update("pa-c1", { state: "submitted", jobId: "j1" });
      const cached = await a.list({ cached: true, scopePrefix: "proj/dev/" });
      expect(cached.map((i) => [i.key, i.state])).toEqual([
        ["pa-c1", "submitted"],
        ["pa-c3", "claimed"],
      ]);
      expect((await a.list()).map((i) => i.key)).toEqual(["pa-c1", "pa-c2", "pa-c3"]);
      await a.get("pa-c2"); // a fresh read freshens the cached listing
      expect((await a.list({ cached: true, states: ["claimed"] })).map((i) => i.key)).toEqual(["pa-c2", "pa-c3"]);
      await a.release("pa-c3");
      expect((await a.list({ cached: true, states: ["released"] })).map((i) => i.key)).toEqual(["pa-c3"]);
    });

    it("keeps the durations of finished jobs per profile, newest first", async () => {
      const a = await backend.open();
      for (const [k, ms] of [
        ["pa-d1", 3000],
        ["pa-d2", 4000],
      ] as const) {
        await a.claim(intent(k));
        await a.update(k, {
          finishedAt: new Date(Date.now() + ms).toISOString(),
          outcome: { status: "FINISH", failed: false, durationMs: ms, profile: "p1" },
        });
      }
      const b = await backend.second();
      expect(await b.durations("p1", 10)).toEqual([4000, 3000]);
      expect(await b.durations("other", 10)).toEqual([]);
    });

    it("collects old tombstones and keeps open intents", async () => {
      const a = await backend.open();
      await a.claim(intent("pa-g1", "p/s/k/g1"));
      await a.release("pa-g1");
      await a.claim(intent("pa-g2", "p/s/k/g2"));
      const none = await a.gc(60_000);
      expect(none.removed).toBe(0);
      const later = await a.gc(60_000, Date.now() + 120_000);
      expect(later.removed).toBe(1);
      expect(await a.get("pa-g1")).toBeUndefined();
      expect(await a.get("pa-g2")).toBeDefined();
    });

    it("fails closed on a record it cannot read, naming it", async () => {
      const a = await backend.open();
      await a.claim(intent("pa-bad"));
      await backend.corrupt(a, "pa-bad");
      await expect(a.get("pa-bad")).rejects.toThrow(/pa-bad/);
      await expect(a.claim(intent("pa-bad"))).rejects.toThrow(/unreadable|pa-bad/);
    });
    it("keeps the resource that holds an intent, from the claim and from an update", async () => {
      const a = await backend.open();
      await a.claim({ ...intent("pa-o1"), holder: "urn:pulumi:dev::p::t::a" });
      expect((await a.get("pa-o1"))?.holder).toBe("urn:pulumi:dev::p::t::a");
      await a.update("pa-o1", { holder: "urn:pulumi:dev::p::t::b" });
      const b = await backend.second();
      expect((await b.get("pa-o1"))?.holder).toBe("urn:pulumi:dev::p::t::b");
      await a.claim(intent("pa-o2"));
      expect((await a.get("pa-o2"))?.holder).toBeUndefined();
    });

    it("keeps a scope's epoch through gc at any age, so a released scope never reissues a key", async () => {
      const a = await backend.open();
      const scope = "p/s/k/epochs";
      await a.claim(intent("pa-e1", scope, 0));
      await a.update("pa-e1", { state: "submitted", jobId: "job-e1" });
      await a.release("pa-e1");
      expect(await a.epoch(scope)).toBe(1);
      const r = await a.gc(0, Date.now() + 60_000);
      expect(r.removed).toBe(1);
      expect(await a.get("pa-e1")).toBeUndefined();
      expect(await a.epoch(scope)).toBe(1);
    });

    it("repairs a claim whose runner died once the stack holds its job; never a live one's, never voided", async () => {
      const a = await backend.open();
      const b = await backend.second();
      await a.claim(intent("pa-r1"));
      await a.update("pa-r1", { attempts: 1 });
      expect((await repairClaim(b, "pa-r1", "job-r1"))?.state).toBe("claimed"); // a is alive: untouched
      await backend.kill(a);
      const listed = (await b.list()).find((i) => i.key === "pa-r1");
      expect((await b.ownerStatus(listed!)).status).toBe("dead");
      const fixed = await repairClaim(b, "pa-r1", "job-r1");
      expect(fixed).toMatchObject({ state: "submitted", jobId: "job-r1", attempts: 1 });
      expect(fixed?.owner).toBeUndefined();
      expect(await repairClaim(b, "pa-r1", "job-other")).toMatchObject({ state: "submitted", jobId: "job-r1" });
    });

    it("lets tooling read around an unreadable record: scan names it, gc leaves it, the rest is readable", async () => {
      const a = await backend.open();
      await a.claim(intent("pa-s1", "p/s/k/s1"));
      await a.claim(intent("pa-s2", "p/s/k/s2"));
      await a.release("pa-s2");
      await backend.corrupt(a, "pa-s1");
      await expect(a.list()).rejects.toThrow(/pa-s1/);
      const scan = await a.scan();
      expect(scan.intents.map((i) => i.key)).toEqual(["pa-s2"]);
      expect(scan.unreadable.map((u) => u.key)).toEqual(["pa-s1"]);
      expect((await a.gc(0, Date.now() + 60_000)).removed).toBe(1);
      await expect(a.get("pa-s1")).rejects.toThrow(/pa-s1/);
    });
  });
}

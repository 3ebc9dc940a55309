// `pulumi-aigc ledger ls|show|gc` on a real file ledger: what an operator reads after a killed pipeline.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ledgerCommand, parseAge } from "../../../provider/cli/ledger-command";
import { scopeOfUrn } from "../../../provider/cli/ledger-show";
import { FileLedger } from "../../../provider/runtime/ledger/file-ledger";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function seeded() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-cli-"));
  dirs.push(dir);
  const l = FileLedger.open(dir);
  const intent = (key: string, scope: string) => ({ key, scope, kind: "alibaba:ProductionJob", epoch: 0, digest: "d" });
  await l.claim(intent("pa-inflight", "media/prod/alibaba:ProductionJob/cover"));
  await l.update("pa-inflight", { attempts: 1 });
  await l.claim(intent("pa-done", "media/prod/alibaba:ProductionJob/clip"));
  await l.update("pa-done", { state: "submitted", jobId: "ice-42", attempts: 1, owner: undefined });
  await l.claim(intent("pa-other", "media/dev/tencent:SceneAigcImageTask/tryon"));
  await l.release("pa-other");
  return { dir, l, env: { PULUMI_AIGC_LEDGER: `file://${dir}` } };
}

describe("pulumi-aigc ledger", () => {
  it("ls lists a stack's intents with state, job id, attempts and a live owner", async () => {
    const { l, env } = await seeded();
    const r = await ledgerCommand(["ls", "--stack", "media/prod"], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^SCOPE\s+STATE\s+AGE\s+JOB ID/m);
    expect(r.out).toMatch(/media\/prod\/alibaba:ProductionJob\/cover\s+claimed\s+\S+\s+-\s+1\s+0\s+\S+:\d+ \(live\)/);
    expect(r.out).toMatch(/media\/prod\/alibaba:ProductionJob\/clip\s+submitted\s+\S+\s+ice-42/);
    expect(r.out).not.toContain("media/dev/");
    expect(r.out).toMatch(/2 intent\(s\) .*; 1 claimed or ambiguous/);
    await l.close();
  });

  it("ls marks a job whose create never returned, and an orphan", async () => {
    const { l, env } = await seeded();
    await l.update("pa-done", { returned: false });
    expect((await ledgerCommand(["ls"], env)).out).toMatch(/clip\s+submitted \(not returned\)\s+\S+\s+ice-42/);
    await l.update("pa-done", { holder: "orphan:s-1|media/prod|alibaba:ProductionJob/clip" });
    expect((await ledgerCommand(["ls"], env)).out).toMatch(/clip\s+submitted \(orphan\)\s+\S+\s+ice-42/);
    await l.close();
  });

  it("show finds an intent by key, job id or scope", async () => {
    const { l, env } = await seeded();
    for (const what of ["pa-done", "ice-42", "media/prod/alibaba:ProductionJob/clip"]) {
      const r = await ledgerCommand(["show", what], env);
      expect(r.code, what).toBe(0);
      expect(r.out).toMatch(/^key\s+pa-done$/m);
      expect(r.out).toMatch(/^job id\s+ice-42$/m);
    }
    expect((await ledgerCommand(["show", "nope"], env)).code).toBe(1);
    await l.close();
  });

  it("gc removes old tombstones only (a dry run first)", async () => {
    const { l, env, dir } = await seeded();
    expect((await ledgerCommand(["gc", "--older-than", "0s", "--dry-run"], env)).out).toBe(
      "would remove 1 tombstone(s)",
    );
    expect(fs.existsSync(path.join(dir, "intents", "pa-other.json"))).toBe(true);
    expect((await ledgerCommand(["gc", "--older-than", "30d"], env)).out).toMatch(/^removed 0 tombstone/);
    await new Promise((r) => setTimeout(r, 20));
    expect((await ledgerCommand(["gc", "--older-than", "1ms", "--force"], env)).out).toMatch(
      /^removed 1 tombstone\(s\), kept 2/,
    );
    expect(fs.existsSync(path.join(dir, "intents", "pa-other.json"))).toBe(false);
    await l.close();
  });

  it("reads ages and refuses nonsense", () => {
    expect(parseAge("30d")).toBe(30 * 86_400_000);
    expect(parseAge("90m")).toBe(90 * 60_000);
    expect(() => parseAge("soon")).toThrow(/not an age/);
  });

  it("refuses an age without a unit, and one under the dedup window without --force", async () => {
    const { l, env, dir } = await seeded();
    expect(() => parseAge("0")).toThrow(/an age needs a unit: "0" \(write e\.g\. 0d, 0h or 0m\)/);
    await expect(ledgerCommand(["gc", "--older-than", "30"], env)).rejects.toThrow(/needs a unit/);
    for (const age of ["0s", "5d", "7d"]) {
      const r = await ledgerCommand(["gc", "--older-than", age], env);
      expect(r.code, age).toBe(2);
      expect(r.out).toMatch(/is refused: .*younger than 8d .*Tencent's SessionId at 7d.*--force/);
    }
    expect(fs.existsSync(path.join(dir, "intents", "pa-other.json"))).toBe(true);
    expect((await ledgerCommand(["gc", "--older-than", "8d"], env)).code).toBe(0);
    expect((await ledgerCommand(["gc", "--older-than", "0s", "--force"], env)).out).toMatch(/^removed 1 tombstone/);
    await l.close();
  });

  it("reads around a corrupt entry: ls flags it, show prints what is readable, gc skips it and says so", async () => {
    const { l, env, dir } = await seeded();
    const file = path.join(dir, "intents", "pa-done.json");
    const rec = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...rec, attempts: "one" }));
    fs.writeFileSync(path.join(dir, "intents", "pa-torn.json"), '{"key":"pa-torn","scope":"media/prod/x');
    fs.writeFileSync(path.join(dir, "intents", "copy of pa-done.json"), "{}");
    // The provider still fails closed, and its message names a command that works.
    const err = await l.get("pa-done").catch((e: Error) => e);
    expect((err as Error).message).toMatch(/pa-done\.json is unreadable .*`npx pulumi-aigc ledger show pa-done`/);

    const ls = await ledgerCommand(["ls"], env);
    expect(ls.code).toBe(0);
    expect(ls.out).toMatch(/media\/prod\/alibaba:ProductionJob\/cover\s+claimed/);
    expect(ls.out).toMatch(/^UNREADABLE pa-done: .*attempts is "one"/m);
    expect(ls.out).toMatch(/^UNREADABLE pa-torn: not valid JSON/m);
    expect(ls.out).toMatch(/^UNREADABLE copy of pa-done: its name is not a ledger key/m);
    const json = JSON.parse((await ledgerCommand(["ls", "--json"], env)).out) as Array<{ key: string; state: string }>;
    expect(json.map((i) => `${i.key} ${i.state}`).sort()).toEqual([
      "copy of pa-done unreadable",
      "pa-done unreadable",
      "pa-inflight claimed",
      "pa-other released",
      "pa-torn unreadable",
    ]);

    const show = await ledgerCommand(["show", "pa-done"], env);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/^UNREADABLE\s+.*attempts is "one"/m);
    expect(show.out).toMatch(/^jobId\s+"ice-42"$/m);
    expect((await ledgerCommand(["show", "ice-42"], env)).out).toMatch(/^key\s+pa-done$/m);
    expect((await ledgerCommand(["show", "pa-torn"], env)).out).toMatch(/^text\s+\{"key":"pa-torn"/m);

    const gc = await ledgerCommand(["gc", "--older-than", "0s", "--force"], env);
    expect(gc.code).toBe(0);
    expect(gc.out).toMatch(/^removed 1 tombstone\(s\), kept 1;/);
    expect(gc.out).toMatch(/^skipped pa-done: it cannot be read/m);
    expect(gc.out).toMatch(/^skipped pa-torn: it cannot be read/m);
    expect(fs.existsSync(file)).toBe(true);
    await l.close();
  });

  it("show finds an intent by the resource's URN or name; ls shows how each job ended", async () => {
    const { l, env } = await seeded();
    await l.update("pa-done", {
      finishedAt: new Date().toISOString(),
      outcome: { status: "Success", failed: false },
    });
    expect(scopeOfUrn("urn:pulumi:prod::media::pulumi-nodejs:dynamic/alibaba:ProductionJob::clip")).toBe(
      "media/prod/alibaba:ProductionJob/clip",
    );
    expect(scopeOfUrn("urn:pulumi:prod::media::my:Component$pulumi-nodejs:dynamic/alibaba:ProductionJob::clip")).toBe(
      "media/prod/alibaba:ProductionJob/clip",
    );
    expect(scopeOfUrn("urn:pulumi:prod::media::aws:s3/bucket:Bucket::b")).toBeUndefined();
    for (const what of ["urn:pulumi:prod::media::pulumi-nodejs:dynamic/alibaba:ProductionJob::clip", "clip"]) {
      const r = await ledgerCommand(["show", what], env);
      expect(r.code, what).toBe(0);
      expect(r.out).toMatch(/^key\s+pa-done$/m);
      expect(r.out).not.toMatch(/pa-inflight/);
    }
    const ls = await ledgerCommand(["ls", "--stack", "media/prod"], env);
    expect(ls.out).toMatch(/^SCOPE\s+STATE\s+AGE\s+JOB ID\s+ATTEMPTS\s+AMBIGUOUS\s+OWNER\s+ENDED\s+KEY$/m);
    expect(ls.out).toMatch(/clip\s+submitted\s+\S+\s+ice-42\s+1\s+0\s+-\s+Success \d+s ago\s+pa-done/);
    expect(ls.out).toMatch(/cover\s+claimed\s+.*\(live\)\s+-\s+pa-inflight/);
    await l.close();
  });

  it("ls names claims whose runner is gone, and the way out", async () => {
    const { l, env, dir } = await seeded();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const owner = path.join(dir, "owners", `${l.runner.id}.json`);
    fs.writeFileSync(
      owner,
      JSON.stringify({ ...JSON.parse(fs.readFileSync(owner, "utf8")), pid: Number(dead.stdout) }),
    );
    const ls = await ledgerCommand(["ls"], env);
    expect(ls.out).toMatch(/cover\s+claimed\s+.*:\d+ \(dead\)/);
    expect(ls.out).toMatch(/^1 claim\(s\) held by runners that are gone: each may have been sent, so none is voided/m);
    expect(ls.out).toMatch(/next `pulumi up` of its stack takes it over and looks its job up before submitting/);
    await l.close();
  });
});

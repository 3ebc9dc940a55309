// `pulumi-aigc ledger ls|show|gc` on a real file ledger: what an operator reads after a killed pipeline.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ledgerCommand, parseAge } from "../../provider/cli/ledger-command";
import { FileLedger } from "../../provider/runtime/ledger/file-ledger";

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
    expect((await ledgerCommand(["gc", "--older-than", "1ms", "--force"], env)).out).toMatch(/^removed 1 tombstone\(s\), kept 2/);
    expect(fs.existsSync(path.join(dir, "intents", "pa-other.json"))).toBe(false);
    await l.close();
  });

  it("reads ages and refuses nonsense", () => {
    expect(parseAge("30d")).toBe(30 * 86_400_000);
    expect(parseAge("90m")).toBe(90 * 60_000);
    expect(() => parseAge("soon")).toThrow(/not an age/);
  });
});

// End-to-end: ledgers written before migrations were numbered, and `ledger gc` under an operator's hand, with
// the real Pulumi CLI, the real emulator over loopback HTTP, and the operator command of the built package.
//
// A ledger "as the previous version wrote it" is made here by running an update, then putting its files and
// tables back in exactly the previous on-disk form: ledger.json at version 1 without migration fields; no
// version table, no `holder` column and identity version 1 in PostgreSQL (migration 001 is that schema,
// verbatim). The intent is left in flight: submitted with its job id, not finished, and no resource in the state.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAigcStack,
  ledgerIntents,
  type PostgresServer,
  repoRoot,
  startPostgres,
  submissions,
  type TestStack,
} from "../../harness";
import { startTestEmulator } from "../support/emulator";

interface StateResource {
  urn: string;
  type: string;
  outputs?: Record<string, unknown>;
}

/** `pulumi-aigc ledger …` of the built package, against `ledger`. */
function ledgerCli(ledger: string, ...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(
      process.execPath,
      [path.join(repoRoot, "dist/provider/cli/pulumi-aigc.js"), "ledger", ...args],
      {
        env: { ...process.env, PULUMI_AIGC_LEDGER: ledger },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    return { code: 0, out };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

/** Drops the job resources from the stack's state, as if the update that created them had crashed. */
async function forgetJobResources(t: TestStack): Promise<void> {
  const state = await t.stack.exportStack();
  state.deployment.resources = (state.deployment.resources as StateResource[]).filter(
    (r) => !r.type.startsWith("pulumi-nodejs:dynamic/"),
  );
  await t.stack.importStack(state);
}

const jobOutputs = async (t: TestStack) =>
  ((await t.stack.exportStack()).deployment.resources as StateResource[]).filter((r) =>
    r.type.startsWith("pulumi-nodejs:dynamic/"),
  );

describe("S22 and S20: ledgers of the previous version, and gc", () => {
  let emu: RunningEmulator;
  let pg: PostgresServer;
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    emu = await startTestEmulator();
    pg = await startPostgres();
  });
  afterAll(async () => {
    for (const t of stacks) await t.cleanup();
    await emu?.close();
    await pg?.stop();
  });

  it("S22 (file ledger): an old version's ledger migrates and resumes in-flight jobs, none resubmitted", async () => {
    const t = await createAigcStack("s22file", emu, { only: ["tryon", "cover"] });
    stacks.push(t);
    await t.stack.up();
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 1, SubmitIProductionJob: 1 });
    const jobIds = (await jobOutputs(t)).map((r) => r.outputs?.taskId ?? r.outputs?.jobId).sort();
    await forgetJobResources(t);
    // The previous version's files: ledger.json at version 1, intents submitted and not yet finished.
    const metaFile = path.join(t.ledgerDir, "ledger.json");
    const meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
    fs.writeFileSync(
      metaFile,
      JSON.stringify({ format: meta.format, version: 1, id: meta.id, createdAt: meta.createdAt }),
    );
    for (const i of ledgerIntents(t)) {
      const file = path.join(t.ledgerDir, "intents", `${i.key}.json`);
      const { finishedAt, outcome, holder, ...inFlight } = JSON.parse(fs.readFileSync(file, "utf8"));
      fs.writeFileSync(file, JSON.stringify(inFlight));
    }
    expect(ledgerIntents(t).map((i) => i.state)).toEqual(["submitted", "submitted"]);

    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 2 });
    expect(up.stdout).toMatch(/resuming job/);
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 1, SubmitIProductionJob: 1 });
    expect((await jobOutputs(t)).map((r) => r.outputs?.taskId ?? r.outputs?.jobId).sort()).toEqual(jobIds);
    expect(JSON.parse(fs.readFileSync(metaFile, "utf8"))).toMatchObject({ id: meta.id, version: 2 });
  });

  it("S20: gc refuses ages under the dedup window; forced, it keeps epochs (recreate pays anew)", async () => {
    const t = stacks[0]!;
    const ledger = `file://${t.ledgerDir}`;
    const zero = ledgerCli(ledger, "gc", "--older-than", "0");
    expect(zero.code).not.toBe(0);
    expect(zero.out).toMatch(/an age needs a unit/);
    const tooYoung = ledgerCli(ledger, "gc", "--older-than", "5d");
    expect(tooYoung.code).toBe(2);
    expect(tooYoung.out).toMatch(/refused.*Tencent's SessionId at 7d.*--force/s);
    // On a scope in flight (its intent open), a forced gc keeps its epoch and its intent.
    expect(ledgerCli(ledger, "gc", "--older-than", "5d", "--force").out).toMatch(/^removed 0 tombstone\(s\), kept 2/);
    const firstTask = (await t.stack.outputs()).tryonTaskId!.value as string;

    await t.stack.destroy();
    // Even at age 0, forced: the tombstones go, the epochs stay.
    expect(ledgerCli(ledger, "gc", "--older-than", "0s", "--force").out).toMatch(/^removed 2 tombstone\(s\), kept 0/);
    await t.stack.up();
    // A new key for the new resource: Tencent did not answer "already seen", and nothing was adopted.
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 2, SubmitIProductionJob: 2 });
    expect((await t.stack.outputs()).tryonTaskId!.value).not.toBe(firstTask);
  });

  it("S22 (PostgreSQL ledger): an old version's database migrates and resumes its in-flight job", async () => {
    const url = await pg.createDatabase("s22");
    const db = new URL(url).pathname.slice(1);
    const t = await createAigcStack("s22pg", emu, { only: ["cover"], ledger: url });
    stacks.push(t);
    const before = (await submissions(emu)).SubmitIProductionJob ?? 0;
    await t.stack.up();
    expect((await submissions(emu)).SubmitIProductionJob).toBe(before + 1);
    await forgetJobResources(t);
    // The previous version's schema (migration 001, no version table) with the intent in flight.
    await pg.query(
      `DROP TABLE pulumi_aigc_migrations; ALTER TABLE pulumi_aigc_intents DROP COLUMN holder, DROP COLUMN returned;
       UPDATE pulumi_aigc_ledger SET version = 1; UPDATE pulumi_aigc_intents SET finished_at = NULL, outcome = NULL`,
      [],
      db,
    );
    const up = await t.stack.up();
    expect(up.stdout).toMatch(/resuming job/);
    expect((await submissions(emu)).SubmitIProductionJob).toBe(before + 1);
    const versions = await pg.query<{ id: number; name: string }>(
      "SELECT id, name FROM pulumi_aigc_migrations ORDER BY id",
      [],
      db,
    );
    expect(versions.map((v) => v.id)).toEqual([1, 2, 3]);
    expect(versions[0]!.name).toMatch(/made before migrations were numbered/);
    const ls = ledgerCli(url, "ls");
    expect(ls.out).toMatch(/alibaba:ProductionJob\/cover\s+submitted/);
  });
});

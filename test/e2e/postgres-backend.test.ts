// Pulumi's own PostgreSQL DIY state backend, on the project's throwaway server: what a team pipeline stands on.
// Two runners (each its own HOME and work directory) share one stack; one is killed in the middle of an update.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backendText,
  createTestStack,
  failureText,
  killRunner,
  type PostgresServer,
  startPostgres,
  type TestStack,
} from "../../harness";
import { sleep } from "../support/emulator";

describe("Pulumi's PostgreSQL state backend on the test server", () => {
  let pg: PostgresServer;
  let url: string;
  let a: TestStack;
  const others: TestStack[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
    url = await pg.createDatabase("stacks");
    a = await createTestStack({
      name: "pgstate",
      program: "dist/test/fixtures/slow/index.js",
      backendUrl: url,
      config: { count: "2" },
    });
  });
  afterAll(async () => {
    for (const t of [a, ...others]) await t?.cleanup();
    await pg?.stop();
  });

  /** Pending operations in the stack's checkpoint, read from the backend's table (what the CLI would load). */
  async function pendingInDatabase(): Promise<number> {
    const [row] = await pg.query<{ data: string }>(
      "SELECT data->>'data' AS data FROM pulumi_state WHERE key LIKE '%/.pulumi/stacks/pgstate/e2e.json'",
      [],
      "stacks",
    );
    const checkpoint = JSON.parse(Buffer.from(row?.data ?? "", "base64").toString("utf8") || "{}");
    return checkpoint.checkpoint?.latest?.pending_operations?.length ?? 0;
  }

  it("keeps the stack in the pulumi_state table", async () => {
    const up = await a.stack.up();
    expect(up.summary.result).toBe("succeeded");
    const ids = up.outputs.ids!.value as string[];
    expect(ids).toHaveLength(2);
    const keys = (await pg.query<{ key: string }>("SELECT key FROM pulumi_state", [], "stacks")).map((r) => r.key);
    expect(keys.some((k) => k.endsWith(".pulumi/stacks/pgstate/e2e.json"))).toBe(true);
    expect(await backendText(a)).toContain(ids[1]);
  });

  it("is the same stack for another runner with its own HOME and work directory", async () => {
    const b = await a.anotherRunner();
    others.push(b);
    expect(b.env.PULUMI_HOME).not.toBe(a.env.PULUMI_HOME);
    const preview = await b.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 3 });
    expect((await b.stack.outputs()).ids!.value).toEqual((await a.stack.outputs()).ids!.value);
  });

  it("after a SIGKILLed update, another runner's `pulumi cancel` + `pulumi up` completes the stack", async () => {
    await a.stack.setAllConfig({ count: { value: "5" }, delayMs: { value: "30000" } });
    const child = spawn(a.cli, ["up", "--yes", "--skip-preview", "--non-interactive"], {
      cwd: a.projectDir,
      env: { ...process.env, ...a.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let printed = "";
    child.stdout.on("data", (d) => (printed += d));
    child.stderr.on("data", (d) => (printed += d));
    const exited = new Promise((r) => child.once("exit", r));
    // Killed once the checkpoint in the database records the three creates as pending.
    for (let i = 0; i < 600 && child.exitCode === null && (await pendingInDatabase()) < 3; i++) await sleep(100);
    if (child.exitCode !== null) throw new Error(`pulumi up ended (exit ${child.exitCode}) too early:\n${printed}`);
    // The whole runner dies (pulumi, the language host, the provider), as a CI machine would.
    expect(killRunner(a)).toContain(child.pid);
    await exited;

    // Runner B checks out the same project and config.
    const b = await a.anotherRunner();
    others.push(b);
    expect(await failureText((onOutput) => b.stack.up({ onOutput }))).toMatch(/the stack is currently locked/);
    await b.stack.cancel();
    await b.stack.setConfig("delayMs", { value: "0" });
    const up = await b.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.ids!.value).toHaveLength(5);
    // The killed update's creates stay pending in the checkpoint (as with a file backend) until cleared.
    const pending = (await b.stack.exportStack()).deployment.pending_operations ?? [];
    expect(pending.map((p: { type: string }) => p.type)).toEqual(["creating", "creating", "creating"]);
    await b.stack.refresh({ clearPendingCreates: true });
    expect((await b.stack.exportStack()).deployment.pending_operations ?? []).toHaveLength(0);
  });
});

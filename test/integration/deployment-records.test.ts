// What the provider processes of one deployment share (provider/runtime/deployment.ts): two processes started by
// one parent (as the pulumi CLI starts its plugins) see each other's records, and a record whose writer has ended
// (an earlier update of the same CLI process: `pulumi watch`) no longer counts. Real processes, over dist/.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../harness";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-aigc-deployments-test-"));
const module = path.join(repoRoot, "dist", "provider", "runtime", "deployment.js");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The directory of `area` in the one deployment these tests' children share. */
const areaDir = (area: string) =>
  path.join(dir, fs.readdirSync(dir).find((d) => fs.existsSync(path.join(dir, d, area)))!, area);

/** Runs `code` in a node child of this process (so every child is of one deployment); its stdout. */
function inChild(code: string): string {
  const out = spawnSync(process.execPath, ["-e", `const d = require(${JSON.stringify(module)}); ${code}`], {
    env: { ...process.env, PULUMI_AIGC_DEPLOYMENTS_DIR: dir },
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return out.stdout.trim();
}

describe("deployment records", () => {
  it("a live writer's declaration is seen by another process of the deployment; an ended writer's is not", () => {
    // The first child declares and ends: an earlier update's record.
    expect(inChild(`console.log(d.declareInDeployment("scopes", "s/1", "A", true))`)).toBe("A");
    expect(inChild(`console.log(d.declaredInDeployment("scopes", "s/1"))`)).toBe("false");
    // A later declaration of the same name by another resource is its own: the ended one does not refuse it.
    expect(inChild(`console.log(d.declareInDeployment("scopes", "s/1", "B", true))`)).toBe("B");
    // Without `live` (an import's first Read, in the import's preview), an ended writer's record still counts.
    expect(inChild(`console.log(d.declareInDeployment("imports", "k", "A"))`)).toBe("A");
    expect(inChild(`console.log(d.declareInDeployment("imports", "k", "B"))`)).toBe("A");
  });

  it("a live writer's record is seen while it runs, and no longer once it ends", async () => {
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `require(${JSON.stringify(module)}).declareInDeployment("resumed", "key-1", "resumed", true);` +
          `console.log("ready"); process.stdin.resume()`,
      ],
      { env: { ...process.env, PULUMI_AIGC_DEPLOYMENTS_DIR: dir }, stdio: ["pipe", "pipe", "inherit"] },
    );
    await new Promise((resolve) => writer.stdout!.once("data", resolve));
    expect(inChild(`console.log(d.declaredInDeployment("resumed", "key-1"))`)).toBe("true");
    const ended = new Promise((resolve) => writer.once("exit", resolve));
    writer.stdin!.end();
    await ended;
    expect(inChild(`console.log(d.declaredInDeployment("resumed", "key-1"))`)).toBe("false");
  });

  it("spend slots: live processes' count, ended ones' not; a take reads only slots new since the last", async () => {
    const area = "slots-test";
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const d = require(${JSON.stringify(module)});` +
          `for (let i = 0; i < 3; i++) d.takeSlotInDeployment(${JSON.stringify(area)}, 10);` +
          `console.log("ready"); process.stdin.resume()`,
      ],
      { env: { ...process.env, PULUMI_AIGC_DEPLOYMENTS_DIR: dir }, stdio: ["pipe", "pipe", "inherit"] },
    );
    await new Promise((resolve) => holder.stdout!.once("data", resolve));
    // 3 live slots of the holder: this process takes the 4th and the 5th of 5, then is refused.
    const takes = `[1, 2, 3].map(() => d.takeSlotInDeployment(${JSON.stringify(area)}, 5)).join(",")`;
    expect(inChild(`console.log(${takes})`)).toBe("4,5,0");
    const ended = new Promise((resolve) => holder.once("exit", resolve));
    holder.stdin!.end();
    await ended;
    // Both writers have ended: none of their 5 slots is live any more.
    expect(inChild(`console.log(d.takeSlotInDeployment(${JSON.stringify(area)}, 5))`)).toBe("1");
    // 500 takes in one process: each reads the files taken since the last and each writer's liveness, not every
    // slot file (reading all of them on every take was 500 × 500 reads: a batch's first 25 s).
    const counted =
      `const fs = require("node:fs"); let reads = 0; const read = fs.readFileSync;` +
      `fs.readFileSync = (...a) => { reads++; return read(...a); };` +
      `for (let i = 0; i < 500; i++) d.takeSlotInDeployment("slots-many", 1000);` +
      `console.log(d.takeSlotInDeployment("slots-many", 1000), reads)`;
    const [last, reads] = inChild(counted).split(" ").map(Number);
    expect(last).toBe(501);
    expect(reads).toBeLessThan(3 * 501);
  });

  it("spend slots: a late process counts the live slots above a gap old files left, and takes above them", async () => {
    const area = "slots-gap";
    const take = (limit: number) => `d.takeSlotInDeployment(${JSON.stringify(area)}, ${limit})`;
    // An earlier update's process took 3 slots and ended.
    expect(inChild(`console.log([1, 2, 3].map(() => ${take(10)}).join(","))`)).toBe("1,2,3");
    // A live process takes 2 of a cap of 5 and answers a take per line on stdin.
    const live = spawn(
      process.execPath,
      [
        "-e",
        `const d = require(${JSON.stringify(module)}); console.log(${take(5)}, ${take(5)});` +
          `const rl = require("node:readline").createInterface({ input: process.stdin });` +
          `rl.on("line", () => console.log(${take(5)}));`,
      ],
      { env: { ...process.env, PULUMI_AIGC_DEPLOYMENTS_DIR: dir }, stdio: ["pipe", "pipe", "inherit"] },
    );
    const lines: string[] = [];
    live.stdout!.on("data", (b: Buffer) => lines.push(...b.toString().trim().split("\n")));
    const answer = async (n: number) => {
      while (lines.length < n) await new Promise((r) => setTimeout(r, 20));
      return lines[n - 1];
    };
    try {
      expect(await answer(1)).toBe("1 2");
      // A cleaner removes the ended process's files (an age rule on /tmp): numbers 1-3 are a gap now.
      const slots = areaDir(area);
      for (const n of ["1", "2", "3"]) fs.rmSync(path.join(slots, n));
      // A process that starts now counts the live 2 and takes above them, not in the gap.
      // (Taking in the gap, it counted none: "1 2 3 0", and the live process, past the gap, never saw those.)
      expect(inChild(`console.log(${take(5)}, ${take(5)}, ${take(5)}, ${take(5)})`)).toBe("3 4 5 0");
      // The live process answers still: that one has ended, so its slots no longer count.
      live.stdin!.write("\n");
      expect(await answer(2)).toBe("3");
    } finally {
      live.kill();
    }
  });

  it("spend slots: a slot file that cannot be read (an empty one) does not hold a slot", () => {
    const area = "slots-empty";
    expect(inChild(`console.log(d.takeSlotInDeployment(${JSON.stringify(area)}, 1))`)).toBe("1");
    const slots = areaDir(area);
    fs.writeFileSync(path.join(slots, "2"), "");
    // The ended taker's slot and the empty file: neither is live.
    expect(inChild(`console.log(d.takeSlotInDeployment(${JSON.stringify(area)}, 1))`)).toBe("1");
  });
});

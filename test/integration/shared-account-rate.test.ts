// One account, many pipelines (issue 21): four processes submit 50 scene jobs each at once against one
// emulator account and its 20/s create limit. Each process's adaptive rate limit (sdk/core/cubic-rate.ts)
// finds its share through the vendor's throttling answers, and a throttled create (not executed) is retried
// within the throttling budget: no job fails, and the throttles stay few. With the former fixed 90% share per
// process, the same load gave 220–308 throttles and failed creates (issue 21), and 286 in this test.
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestEmulator } from "../support/emulator";

const worker = path.join(__dirname, "..", "support", "submit-burst.cjs");

interface BurstResult {
  tag: string;
  throttles: number;
  failures: string[];
  seconds: number;
}

function burst(emu: RunningEmulator, count: number, tag: string): Promise<BurstResult> {
  const { secretId, secretKey } = emu.credentials.tencent;
  const child = spawn(process.execPath, [worker, emu.url, secretId, secretKey, String(count), tag], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${tag}: exit ${code}`))));
  });
}

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ jobLatencyMs: 3_000 });
});
afterAll(() => emu?.close());

describe("four pipelines on one account at its 20/s create limit", () => {
  it("submits 4 × 50 jobs with no failure and few throttles", async () => {
    const run = Date.now();
    const results = await Promise.all([0, 1, 2, 3].map((i) => burst(emu, 50, `p${i}-${run}`)));
    const stats = await admin<{ totals: { throttled: number; submissions: number } }>(emu, "stats");
    const throttles = results.reduce((sum, r) => sum + r.throttles, 0);
    console.log(
      `4 × 50 creates at 20/s: ${throttles} throttling errors, per process ` +
        results.map((r) => `${r.throttles} in ${r.seconds.toFixed(1)} s`).join(", "),
    );
    expect(results.flatMap((r) => r.failures)).toEqual([]);
    expect(stats.totals.submissions).toBe(200);
    expect(stats.totals.throttled).toBe(throttles);
    // Measured 9–48 (median 14) on 2 busy cores, against 286 with a fixed share per process (docs/measured.md);
    // the bound leaves room for a loaded CI machine.
    expect(throttles).toBeLessThanOrEqual(80);
  }, 90_000);
});

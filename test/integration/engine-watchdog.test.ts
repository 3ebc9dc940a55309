// A provider process whose engine is killed (SIGKILL of `pulumi up`): the built watchdog
// (provider/runtime/engine-watchdog.ts) in a fresh Node process, with a stand-in engine port and the engine's end
// of the process's stdout and stderr closed, as a killed CLI leaves them. The process must neither die at its next
// log line (EPIPE) nor exit while a submission is between its claim and its record: either would leave an intent
// the next run can only recover (Tencent) or report and resubmit (ICE, aicontent: paid twice). Found by the plugin
// SIGKILL drill (harness/drills.ts, `npm run drill -- --only plugin`).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../harness";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "watchdog-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The provider process: watches the engine at `port`, logs every 50 ms, records a 7 s submission in `marker`. */
const script = (port: number, marker: string) => `
  const dist = ${JSON.stringify(path.join(repoRoot, "dist", "provider", "runtime"))};
  const { watchEngineAt } = require(dist + "/engine-watchdog.js");
  const { runCancellation } = require(dist + "/run-cancellation.js");
  watchEngineAt("127.0.0.1", ${port});
  setInterval(() => process.stderr.write("[pulumi-aigc] progress\\n"), 50);
  runCancellation.sending(() => new Promise((r) => setTimeout(r, 7000))).then(() =>
    require("fs").writeFileSync(${JSON.stringify(marker)}, "recorded"));
`;

describe("a provider process whose engine was killed", () => {
  it("keeps running through EPIPE and exits only once its submission in flight is recorded", async () => {
    const engine = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => engine.listen(0, "127.0.0.1", r));
    const port = (engine.address() as net.AddressInfo).port;
    const marker = path.join(dir, "recorded");
    const child = spawn(process.execPath, ["-e", script(port, marker)], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    await new Promise((r) => setTimeout(r, 500));
    // The engine dies: its port closes, and so does its end of the process's pipes.
    child.stdout.destroy();
    child.stderr.destroy();
    await new Promise<void>((r) => engine.close(() => r()));
    const code = await exited;
    expect(fs.existsSync(marker)).toBe(true);
    expect(code).toBe(0);
  }, 30_000);
});

// `npm run demo` as a user runs it: the demo program (examples/media-pipeline) applied to an emulator the script
// starts, its outputs printed as a table; a second run changes nothing; `--destroy` tears it down.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cliBinDir, repoRoot } from "../../harness";

const run = promisify(execFile);

describe("npm run demo", () => {
  it("prints the outputs table, is a no-op the second time, and --destroy tears it down", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aigc-demo-"));
    // Its own state dir and stack name: a user's own demo stack (and its Pulumi.demo.yaml) is never touched.
    const stackName = `demo-e2e-${process.pid}`;
    const env = {
      ...process.env,
      PATH: `${cliBinDir()}:${process.env.PATH}`,
      PULUMI_AIGC_DEMO_DIR: dir,
      PULUMI_AIGC_DEMO_STACK: stackName,
      // The program's types are checked by `tsc -p tsconfig.test.json`: three runs need not check them again.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    };
    const demo = join(repoRoot, "dist/scripts/demo.js");
    try {
      const first = await run(process.execPath, [demo], { env, cwd: repoRoot, maxBuffer: 16 << 20 });
      expect(first.stdout).toMatch(/^output\s+value$/m);
      expect(first.stdout).toMatch(/^ambassadorElementId\s+\d{18}$/m);
      expect(first.stdout).toMatch(/^videoCoverJobId\s+[0-9a-f]{32}$/m);
      expect(first.stdout).toMatch(/^productShotUrls\[1\]\s+http:\/\/127\.0\.0\.1:\d+\/files\/tencent\//m);
      const second = await run(process.execPath, [demo], { env, cwd: repoRoot, maxBuffer: 16 << 20 });
      expect(second.stdout).toMatch(/8 unchanged/);
      expect(second.stdout).not.toMatch(/created|replaced/);
      const destroyed = await run(process.execPath, [demo, "--destroy"], { env, cwd: repoRoot, maxBuffer: 16 << 20 });
      expect(destroyed.stdout).toMatch(/- 8 deleted/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(join(repoRoot, `Pulumi.${stackName}.yaml`), { force: true });
    }
  });
});

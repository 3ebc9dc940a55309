// The built dynamic provider, in a fresh Node process as the engine runs it: its errors name the fix in stack
// config terms (issue 22 item 4) and its preview says once per run that a vendor has no credentials.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../harness";
import { freePort } from "../../harness/free-port";

const TRY_ON = {
  subAppId: 251007502,
  sceneInfo: { type: "product_image", productImageConfig: { prompt: "a shoe" } },
  fileInfos: [{ type: "Url", url: "https://assets.example.com/p.png" }],
  idempotencyScope: "p/s/tencent:SceneAigcImageTask/shoe",
};
const home = mkdtempSync(join(tmpdir(), "fix-hints-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/**
 * Configures the provider of the Tencent try-on kind with `config`, runs `body` (which may use `provider`),
 * and returns what it printed on stdout as JSON. Stderr lines are collected in `stderr`. No vendor env vars.
 */
function run(config: Record<string, string>, body: string): Record<string, unknown> {
  const script = `(async () => {
    const stderr = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (s, ...rest) => (stderr.push(String(s)), write(s, ...rest));
    const provider = require("pulumi-aigc/provider-runtime").provider("tencent:SceneAigcImageTask");
    const config = ${JSON.stringify(config)};
    await provider.configure({ config: { get: (k) => config[k] } });
    const inputs = ${JSON.stringify(TRY_ON)};
    ${body}
  })().catch((e) => { console.error(e); process.exit(1); });`;
  const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_HOME: home };
  for (const k of Object.keys(env)) if (/^(TENCENTCLOUD_|ALIBABA_CLOUD_|PULUMI_AIGC_)/.test(k)) delete env[k];
  // A file:// state backend, so the ledger is beside it: under CI=true a machine-local one stops check().
  env.PULUMI_BACKEND_URL = `file://${home}`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: repoRoot, encoding: "utf8", env }));
}

describe("the dynamic provider names the fix", () => {
  it("a refused connection: the endpoint it tried and aigc:endpoint", async () => {
    const port = await freePort();
    const r = run(
      {
        "aigc:endpoint": `http://127.0.0.1:${port}`,
        "aigc:tencentSecretId": "AKIDunit",
        "aigc:tencentSecretKey": "unit-secret",
      },
      `const err = await provider.create(inputs).catch((e) => e);
       console.log(JSON.stringify({ message: err.message, reasons: err.reasons }));`,
    );
    expect(r.message).toMatch(/\[NetworkError\] cannot connect/);
    expect(r.message).toMatch(
      new RegExp(`Cannot reach http://127\\.0\\.0\\.1:${port} \\(set by aigc:endpoint\\): check aigc:endpoint`),
    );
    expect(r.reasons).toBeUndefined();
    expect(JSON.stringify(r)).not.toMatch(/unit-secret/);
  });

  it("no credentials: preview warns once for all resources; create names the config keys and env vars", () => {
    const r = run(
      { "aigc:endpoint": "http://127.0.0.1:9" },
      `await provider.check({}, inputs);
       await provider.check({}, { ...inputs, idempotencyScope: "p/s/tencent:SceneAigcImageTask/other" });
       const err = await provider.create(inputs).catch((e) => e);
       const warnings = stderr.filter((s) => /credentials are set/.test(s));
       console.log(JSON.stringify({ message: err.message, warnings }));`,
    );
    expect(r.warnings).toEqual([
      expect.stringMatching(/WARNING no Tencent Cloud credentials are set: .*set aigc:tencentSecretId and /),
    ]);
    expect(r.message).toBe(
      "no Tencent Cloud credentials: set aigc:tencentSecretId and aigc:tencentSecretKey " +
        "(`pulumi config set --secret aigc:tencentSecretId …`), " +
        "or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY in the environment",
    );
  });
});

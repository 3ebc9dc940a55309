import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The stand-in language host is plain CommonJS (it runs before any build); load it the way node does.
const { splitArgs, parseOptions, programConfig, runnerArgv, runnerEnv, runOutcome } = createRequire(__filename)(
  "../../../toolchain/pulumi-language-nodejs-shim.js",
);

const struct = (obj: Record<string, unknown>) => ({ toJavaScript: () => obj });

describe("language host stand-in", () => {
  it("splits nodeargs like a shell, keeping quoted words whole", () => {
    expect(splitArgs(`--max-old-space-size=4096 --require "./a b.js" '--x y'`)).toEqual([
      "--max-old-space-size=4096",
      "--require",
      "./a b.js",
      "--x y",
    ]);
    expect(splitArgs("")).toEqual([]);
  });

  it("defaults typescript to true like the Go host and validates option types", () => {
    expect(parseOptions(undefined)).toEqual({ typescript: true, nodeargs: "", tsconfig: "" });
    expect(parseOptions(struct({ typescript: false, nodeargs: "--inspect" }))).toEqual({
      typescript: false,
      nodeargs: "--inspect",
      tsconfig: "",
    });
    expect(() => parseOptions(struct({ typescript: "no" }))).toThrow(/typescript option must be a boolean/);
    expect(() => parseOptions(struct({ tsconfig: 3 }))).toThrow(/tsconfig option must be a string/);
  });

  // A RunRequest as the engine's protobuf object exposes it (getters only).
  const runRequest = (dryRun: boolean) => ({
    getMonitorAddress: () => "127.0.0.1:5001",
    getOrganization: () => "organization",
    getProject: () => "shop",
    getStack: () => "dev",
    getDryrun: () => dryRun,
    getParallel: () => 16,
    getArgsList: () => ["extra"],
    getConfigMap: () =>
      new Map([
        ["aigc:endpoint", "http://127.0.0.1:4566"],
        ["plain", "x"],
      ]),
    getConfigsecretkeysList: () => ["aigc:tencentSecretKey"],
  });
  const where = { programDir: "/p/app", rootDir: "/p", entryPoint: "index.ts" };

  it("passes the runner the Go host's flags, in its order, with nodeargs first", () => {
    const opts = { typescript: true, nodeargs: "--max-old-space-size=512", tsconfig: "" };
    expect(runnerArgv(runRequest(true), where, opts, "/p/node_modules/run.js", "127.0.0.1:5000")).toEqual([
      "--max-old-space-size=512",
      "/p/node_modules/run.js",
      ...["--monitor", "127.0.0.1:5001", "--engine", "127.0.0.1:5000", "--organization", "organization"],
      ...["--project", "shop", "--root-directory", "/p", "--stack", "dev", "--pwd", "/p/app"],
      ...["--dry-run", "--parallel", "16", "index.ts", "extra"],
    ]);
    const noDryRun = runnerArgv(runRequest(false), { ...where, rootDir: "" }, { ...opts, nodeargs: "" }, "r", "");
    expect(noDryRun).not.toContain("--dry-run");
    expect(noDryRun).not.toContain("--root-directory");
    expect(noDryRun).not.toContain("--engine");
  });

  it("hands the program its config under <namespace>:config:<key>, the secret keys and the TypeScript options", () => {
    expect(
      programConfig(
        new Map([
          ["aigc:endpoint", "u"],
          ["bare", "b"],
        ]),
      ),
    ).toEqual({
      "aigc:config:endpoint": "u",
      bare: "b",
    });
    const env = runnerEnv(
      runRequest(false),
      { typescript: true, nodeargs: "", tsconfig: "tsconfig.ci.json" },
      {
        HOME: "/h",
      },
    );
    expect(env).toEqual({
      HOME: "/h",
      PULUMI_CONFIG: JSON.stringify({ "aigc:config:endpoint": "http://127.0.0.1:4566", plain: "x" }),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(["aigc:tencentSecretKey"]),
      PULUMI_NODEJS_TYPESCRIPT: "true",
      PULUMI_NODEJS_TSCONFIG_PATH: "tsconfig.ci.json",
    });
    const js = runnerEnv(runRequest(false), { typescript: false, nodeargs: "", tsconfig: "" }, {});
    expect(js).not.toHaveProperty("PULUMI_NODEJS_TYPESCRIPT");
    expect(js).not.toHaveProperty("PULUMI_NODEJS_TSCONFIG_PATH");
  });

  it("reports a bail (exit 32) without a message and any other failure with its exit code or signal", () => {
    expect(runOutcome(0, null)).toEqual({ error: "", bail: false });
    expect(runOutcome(32, null)).toEqual({ error: "", bail: true });
    expect(runOutcome(1, null)).toEqual({ error: "Program exited with non-zero exit code: 1", bail: false });
    expect(runOutcome(null, "SIGKILL")).toEqual({
      error: "Program exited with non-zero exit code: SIGKILL",
      bail: false,
    });
  });
});

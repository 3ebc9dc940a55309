// A test stack of the all-kinds fixture program, wired to an emulator through stack config the way a
// user wires the provider to a cloud: endpoint in config, credentials as secrets.
/** What the harness needs of an emulator: its URL and accepted credentials (in-process or a child process). */
export interface EmulatorEndpoint {
  readonly url: string;
  readonly credentials: {
    readonly tencent: { readonly secretId: string; readonly secretKey: string };
    readonly alibaba: { readonly accessKeyId: string; readonly accessKeySecret: string };
  };
}

import { createTestStack, type TestStack } from "./pulumi-workspace";

/**
 * A stack of the all-kinds program (or of `program` / `projectDir`) with the emulator's endpoint in its
 * config and its credentials as secrets. `env` reaches every CLI call, the program and the provider.
 */
export async function createAigcStack(
  name: string,
  emu: EmulatorEndpoint,
  fixture: {
    overrides?: Record<string, Record<string, unknown>>;
    only?: string[];
    program?: string;
    /** A user's project directory to run instead of a compiled program (see createTestStack). */
    projectDir?: string;
    config?: Record<string, string>;
    projectsDir?: string;
    /** A shared state backend, e.g. a `postgres://` URL from harness/postgres-server.ts. */
    backendUrl?: string;
    /** The submission ledger (`aigc:ledger`, set as a secret), e.g. the same `postgres://` URL. */
    ledger?: string;
    env?: Record<string, string>;
  } = {},
): Promise<TestStack> {
  const config: Record<string, string> = { "aigc:endpoint": emu.url, ...fixture.config };
  if (fixture.overrides) config["fixture:overrides"] = JSON.stringify(fixture.overrides);
  if (fixture.only) config["fixture:only"] = fixture.only.join(",");
  return createTestStack({
    name,
    ...(fixture.projectDir
      ? { projectDir: fixture.projectDir }
      : { program: fixture.program ?? "dist/harness/programs/all-kinds.js" }),
    projectsDir: fixture.projectsDir,
    backendUrl: fixture.backendUrl,
    env: fixture.env,
    config,
    secrets: {
      ...(fixture.ledger ? { "aigc:ledger": fixture.ledger } : {}),
      "aigc:tencentSecretId": emu.credentials.tencent.secretId,
      "aigc:tencentSecretKey": emu.credentials.tencent.secretKey,
      "aigc:alibabaAccessKeyId": emu.credentials.alibaba.accessKeyId,
      "aigc:alibabaAccessKeySecret": emu.credentials.alibaba.accessKeySecret,
    },
  });
}

/** Sets (or replaces) the fixture's per-resource overrides. */
export async function setOverrides(t: TestStack, overrides: Record<string, Record<string, unknown>>): Promise<void> {
  await t.stack.setConfig("fixture:overrides", { value: JSON.stringify(overrides) });
}

/** Submissions per action, from the emulator's stats. */
export async function submissions(emu: EmulatorEndpoint): Promise<Record<string, number>> {
  const res = await fetch(`${emu.url}/__emulator/stats`);
  return ((await res.json()) as { submissions: Record<string, number> }).submissions;
}

/** What `submissions` reports after one job of each kind was submitted once. */
export const ONE_EACH = {
  CreateAigcAdvancedCustomElement: 1,
  CreateSceneAigcImageTask: 1,
  SubmitAIImageJob: 1,
  Personalizedtxt2imgAddInferenceJob: 1,
  SubmitIProductionJob: 1,
};

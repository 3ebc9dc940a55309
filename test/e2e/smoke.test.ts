// Smoke test of the toolchain: the real Pulumi CLI (built by toolchain/pulumi-cli.sh), driven through the
// Automation API on a local program in Pulumi.yaml form, with a trivial dynamic resource compiled by tsc.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStack, pulumiCommand, type TestStack } from "../../harness";

describe("smoke: real Pulumi CLI with a dynamic resource", () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await createTestStack({
      name: "smoke",
      program: "dist/test/fixtures/smoke/index.js",
      config: { message: "hello", repeat: "3" },
    });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("uses CLI v3.248.0", async () => {
    const cmd = await pulumiCommand();
    expect(cmd.version?.toString()).toBe("3.248.0");
  });

  it("previews the creation without creating anything", async () => {
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ create: 2 });
    const state = await t.stack.exportStack();
    expect(state.deployment.resources ?? []).toHaveLength(0);
  });

  it("applies and exposes the resource outputs as stack outputs", async () => {
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.echoed.value).toBe("hello hello hello");
    expect(up.outputs.echoId.value).toMatch(/^echo-[0-9a-f]+$/);
    expect(Date.parse(up.outputs.createdAt.value)).not.toBeNaN();
  });

  it("sees no changes on a second preview", async () => {
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2 });
  });

  it("refreshes", async () => {
    const refresh = await t.stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    const outputs = await t.stack.outputs();
    expect(outputs.echoed.value).toBe("hello hello hello");
  });

  it("reports a failing program with its own message", async () => {
    await t.stack.setConfig("fail", { value: "true" });
    await expect(t.stack.preview()).rejects.toThrow(/smoke program failed on purpose/);
    await t.stack.removeConfig("fail");
  });

  it("destroys everything", async () => {
    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    const state = await t.stack.exportStack();
    expect(state.deployment.resources ?? []).toHaveLength(0);
  });
});

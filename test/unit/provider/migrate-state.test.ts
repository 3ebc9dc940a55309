// `pulumi-aigc migrate` (provider/cli/migrate-state.ts): the exported state of a stack of dynamic job resources,
// rewritten for the aigc provider plugin. Ids, inputs and outputs stay (the job, the stored inputs diff reads, the
// ledger key and holder); types, URNs and provider references move; nothing else changes.
import { describe, expect, it } from "vitest";
import { migratedUrn, migrateState, pluginType } from "../../../provider/cli/migrate-state";

const NODEJS = "urn:pulumi:dev::shop::pulumi:providers:pulumi-nodejs::default";
const subjectUrn = "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/tencent:AigcSubject::model";
const childUrn = "urn:pulumi:dev::shop::my:Group$pulumi-nodejs:dynamic/alibaba:ProductionJob::cover";
const stored = {
  __inputs: ["__holder", "elementName", "idempotencyScope"],
  __holder: "s-abc|shop/dev|tencent:AigcSubject/model",
  idempotencyScope: "shop/dev/tencent:AigcSubject/model",
  elementName: "model-a",
  taskId: "251007502-CreateAigcAdvancedCustomElement-1t",
  idempotencyKey: "pa-key",
  progress: 100,
};

function exported(): Record<string, unknown> {
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-12-07T00:00:00Z" },
      resources: [
        { urn: "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev", custom: false, type: "pulumi:pulumi:Stack" },
        { urn: NODEJS, custom: true, id: "n-1", type: "pulumi:providers:pulumi-nodejs" },
        {
          urn: subjectUrn,
          custom: true,
          id: stored.taskId,
          type: "pulumi-nodejs:dynamic/tencent:AigcSubject",
          inputs: { ...stored, __provider: "exports.handler = ..." },
          outputs: { ...stored, __provider: "exports.handler = ..." },
          provider: `${NODEJS}::n-1`,
          additionalSecretOutputs: ["elementInfo"],
        },
        { urn: "urn:pulumi:dev::shop::my:Group::g", custom: false, type: "my:Group" },
        {
          urn: childUrn,
          custom: true,
          id: "job-2",
          type: "pulumi-nodejs:dynamic/alibaba:ProductionJob",
          parent: "urn:pulumi:dev::shop::my:Group::g",
          dependencies: [subjectUrn],
          propertyDependencies: { input: [subjectUrn] },
          inputs: {},
          outputs: { jobId: "job-2" },
          provider: `${NODEJS}::n-1`,
        },
        {
          urn: "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/toy:Kind::other",
          custom: true,
          id: "t",
          type: "pulumi-nodejs:dynamic/toy:Kind",
          provider: `${NODEJS}::n-1`,
        },
      ],
    },
  };
}

describe("pulumi-aigc migrate", () => {
  it("maps the built-in kinds' dynamic types to the plugin's tokens, and nothing else", () => {
    expect(pluginType("pulumi-nodejs:dynamic/tencent:SceneAigcImageTask")).toBe("aigc:tencent:SceneAigcImageTask");
    expect(pluginType("pulumi-nodejs:dynamic/toy:Kind")).toBeUndefined();
    expect(pluginType("aws:s3:Bucket")).toBeUndefined();
    expect(migratedUrn(childUrn)).toBe("urn:pulumi:dev::shop::my:Group$aigc:alibaba:ProductionJob::cover");
  });

  it("moves each job resource to the plugin's type, URN and provider, keeping its id, inputs and outputs", () => {
    const m = migrateState(exported());
    const resources = (m.state.deployment as { resources: Array<Record<string, unknown>> }).resources;
    const provider = resources.find((r) => r.type === "pulumi:providers:aigc")!;
    expect(provider.urn).toBe("urn:pulumi:dev::shop::pulumi:providers:aigc::default");
    expect(m.provider).toBe(`${provider.urn}::${provider.id}`);
    // Declared before the first resource that uses it.
    const at = (urn: string) => resources.findIndex((r) => r.urn === urn);
    expect(at(String(provider.urn))).toBeLessThan(at("urn:pulumi:dev::shop::aigc:tencent:AigcSubject::model"));
    const subject = resources[at("urn:pulumi:dev::shop::aigc:tencent:AigcSubject::model")]!;
    expect(subject).toMatchObject({
      id: stored.taskId,
      type: "aigc:tencent:AigcSubject",
      provider: m.provider,
      inputs: stored,
      outputs: stored,
      additionalSecretOutputs: ["elementInfo"],
    });
    expect(JSON.stringify(subject)).not.toContain("__provider");
    const child = resources[at("urn:pulumi:dev::shop::my:Group$aigc:alibaba:ProductionJob::cover")]!;
    expect(child).toMatchObject({
      parent: "urn:pulumi:dev::shop::my:Group::g",
      dependencies: ["urn:pulumi:dev::shop::aigc:tencent:AigcSubject::model"],
      propertyDependencies: { input: ["urn:pulumi:dev::shop::aigc:tencent:AigcSubject::model"] },
    });
    // A kind the plugin does not serve stays a dynamic resource, on its provider.
    expect(resources.find((r) => r.type === "pulumi-nodejs:dynamic/toy:Kind")?.provider).toBe(`${NODEJS}::n-1`);
    expect(m.moved.map((x) => x.from)).toEqual([subjectUrn, childUrn]);
  });

  it("a state without dynamic job resources stays as it is; a second run reuses the provider", () => {
    const once = migrateState(exported());
    const twice = migrateState(once.state);
    expect(twice.moved).toEqual([]);
    expect(migrateState({ version: 3, deployment: { resources: [] } }).moved).toEqual([]);
    expect(() => migrateState({ version: 3 })).toThrow(/not an exported stack state/);
  });

  it("names the default provider as the program's version asks", () => {
    const m = migrateState(exported(), "default_0_1_0");
    expect(m.provider).toMatch(/^urn:pulumi:dev::shop::pulumi:providers:aigc::default_0_1_0::/);
  });
});

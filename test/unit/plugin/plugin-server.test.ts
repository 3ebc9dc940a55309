// The aigc provider plugin's gRPC server (provider/plugin/), driven over real gRPC on loopback with
// @pulumi/pulumi's own client stubs, as the engine drives it. It pins the four traps of the stock
// `provider.main()` of @pulumi/pulumi 3.248.0 (issue 20): the config reaches the provider (secrets included),
// Configure answers supportsPreview (and acceptSecrets), Read with empty properties (an import) reaches the import
// (here: its vendor's credentials are missing) instead of crashing, and CheckConfig/DiffConfig answer. Also: a
// preview's Create plans unknown outputs without a vendor call, and Check adds the default idempotencyScope and the
// holder the dynamic resources get.
//
// The server runs in this process from dist/ (as the plugin runs it): the runtime loads each kind's declaration
// with require() on first use, which needs the compiled modules.
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoRoot } from "../../../harness";

const fromDist = <T>(module: string): T => require(path.join(repoRoot, "dist", `${module}.js`)) as T;
const { grpc, provproto, provrpc, structproto } =
  fromDist<typeof import("../../../provider/plugin/grpc-modules")>("provider/plugin/grpc-modules");
const { serve } = fromDist<typeof import("../../../provider/plugin/main")>("provider/plugin/main");
const { SECRET_SIG, SIG_KEY } = fromDist<typeof import("../../../provider/plugin/property-values")>(
  "provider/plugin/property-values",
);
const { setting } = fromDist<typeof import("../../../provider/runtime/provider-config")>(
  "provider/runtime/provider-config",
);
const { UNKNOWN } = fromDist<typeof import("../../../provider/runtime/unknowns")>("provider/runtime/unknowns");

const URN = "urn:pulumi:dev::shop::aigc:tencent:SceneAigcImageTask::tryon";
const PROVIDER_URN = "urn:pulumi:dev::shop::pulumi:providers:aigc::default";
const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
const struct = (o: Record<string, unknown>) => structproto.Struct.fromJavaScript(o as never);
const TRYON = {
  subAppId: 251007502,
  sceneInfo: {
    type: "ai_try_on",
    aiTryOnConfig: { model: "WAND-tryon-1.0-lite", clothesFileInfos: [{ type: "Url", url: "https://e.com/j.png" }] },
  },
  fileInfos: [{ type: "Url", url: "https://e.com/m.png" }],
  outputConfig: { storageMode: "Temporary", resolution: "2K" },
};

let server: grpcTypes.Server;
let client: grpcTypes.Client;
beforeAll(async () => {
  // A chosen ledger, as a pipeline configures one: under CI=true the pipeline rule refuses a machine-local ledger
  // nobody chose (these tests are about the plugin, not that rule; Check never writes to it).
  vi.stubEnv("PULUMI_AIGC_LEDGER", "local");
  const s = await serve(undefined);
  server = s.server;
  client = new provrpc.ResourceProviderClient(`127.0.0.1:${s.port}`, grpc.credentials.createInsecure());
});
afterAll(() => {
  vi.unstubAllEnvs();
  client?.close();
  server?.forceShutdown();
});

/** One unary call, as the engine makes it. */
function rpc<T>(method: string, req: unknown): Promise<T> {
  const c = client as unknown as Record<string, (r: unknown, cb: (e: Error | null, r: T) => void) => void>;
  return new Promise((resolve, reject) => c[method]!.call(client, req, (e, r) => (e ? reject(e) : resolve(r))));
}

describe("the four traps of the stock provider.main()", () => {
  it("Configure passes the config (a secret too) to the provider; answers acceptSecrets, supportsPreview", async () => {
    const req = new provproto.ConfigureRequest()
      .setUrn(PROVIDER_URN)
      .setArgs(
        struct({ tencentSecretKey: secret("sk-plugin-test"), tencentRegion: "ap-guangzhou", claimWaitSeconds: 5 }),
      );
    const res = await rpc<import("@pulumi/pulumi/proto/provider_pb").ConfigureResponse>("configure", req);
    expect(res.getSupportspreview()).toBe(true);
    expect(res.getAcceptsecrets()).toBe(true);
    expect(setting("tencentSecretKey")).toBe("sk-plugin-test");
    expect(setting("tencentRegion")).toBe("ap-guangzhou");
    expect(setting("claimWaitSeconds")).toBe("5");
  });

  it("Configure reads the legacy variables when the engine sends no args", async () => {
    const req = new provproto.ConfigureRequest();
    req.getVariablesMap().set("aigc:config:tencentRegion", "ap-singapore");
    await rpc("configure", req);
    expect(setting("tencentRegion")).toBe("ap-singapore");
  });

  it("Read with empty properties (an import) reaches the import, not a crash; the server keeps serving", async () => {
    // No credentials, and a closed port should the environment hold some: the import fails before any vendor call.
    await rpc("configure", new provproto.ConfigureRequest().setArgs(struct({ endpoint: "http://127.0.0.1:9" })));
    const req = new provproto.ReadRequest().setId("251007502-job-1").setUrn(URN).setProperties(struct({}));
    const err = (await rpc("read", req).catch((e) => e)) as Error;
    expect(err.message).not.toMatch(/getProperties|Cannot read properties of undefined/);
    expect(err.message).toMatch(/no Tencent Cloud credentials|ECONNREFUSED|127\.0\.0\.1:9/);
    const info = await rpc<{ getVersion(): string }>(
      "getPluginInfo",
      new (require("google-protobuf/google/protobuf/empty_pb").Empty)(),
    );
    expect(info.getVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("CheckConfig names unknown keys and refused values; DiffConfig never replaces the provider", async () => {
    const check = new provproto.CheckRequest().setUrn(PROVIDER_URN).setNews(
      struct({
        tencentSecretKye: "x",
        endpoint: "http://vod.example.com",
        maxSubmissionsPerUpdate: "-1",
        version: "0.1.0",
      }),
    );
    const res = await rpc<import("@pulumi/pulumi/proto/provider_pb").CheckResponse>("checkConfig", check);
    const failures = res.getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
    expect(failures).toEqual([
      ["tencentSecretKye", expect.stringMatching(/not a setting.*did you mean 'tencentSecretKey'/)],
      ["maxSubmissionsPerUpdate", expect.stringMatching(/whole number/)],
      ["endpoint", expect.stringMatching(/aigc:endpoint/)],
    ]);
    // A credential given in clear to an explicit provider is returned marked secret: the state encrypts it.
    expect(res.getInputs()!.toJavaScript().endpoint).toBe("http://vod.example.com");
    const clear = new provproto.CheckRequest().setUrn(PROVIDER_URN).setNews(struct({ alibabaAccessKeySecret: "ak-s" }));
    const checked = await rpc<import("@pulumi/pulumi/proto/provider_pb").CheckResponse>("checkConfig", clear);
    expect(checked.getInputs()!.toJavaScript().alibabaAccessKeySecret).toEqual(secret("ak-s"));
    const diff = new provproto.DiffRequest()
      .setUrn(PROVIDER_URN)
      .setOlds(struct({ endpoint: "https://a.example.com", tencentSecretKey: secret("a") }))
      .setNews(struct({ endpoint: "https://b.example.com", tencentSecretKey: secret("a") }));
    const d = await rpc<import("@pulumi/pulumi/proto/provider_pb").DiffResponse>("diffConfig", diff);
    expect(d.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(d.getDiffsList()).toEqual(["endpoint"]);
    expect(d.getReplacesList()).toEqual([]);
  });
});

describe("resource calls", () => {
  it("Check adds the dynamic resources' default idempotencyScope and holder, from the URN", async () => {
    const req = new provproto.CheckRequest().setUrn(URN).setOlds(struct({})).setNews(struct(TRYON));
    const res = await rpc<import("@pulumi/pulumi/proto/provider_pb").CheckResponse>("check", req);
    expect(res.getFailuresList()).toEqual([]);
    const inputs = res.getInputs()!.toJavaScript();
    expect(inputs.idempotencyScope).toBe("shop/dev/tencent:SceneAigcImageTask/tryon");
    expect(inputs.__holder).toBe("-|shop/dev|tencent:SceneAigcImageTask/tryon");
  });

  it("Check refuses bad input at preview, naming the property", async () => {
    const req = new provproto.CheckRequest()
      .setUrn(URN.replace("tryon", "bad"))
      .setOlds(struct({}))
      .setNews(struct({ ...TRYON, waitTimeoutSeconds: -3 }));
    const res = await rpc<import("@pulumi/pulumi/proto/provider_pb").CheckResponse>("check", req);
    expect(res.getFailuresList().map((f) => f.getProperty())).toEqual(["waitTimeoutSeconds"]);
  });

  it("Create at preview plans unknown outputs and reaches no vendor", async () => {
    // The configured endpoint is a closed port: a vendor call would fail the create.
    await rpc("configure", new provproto.ConfigureRequest().setArgs(struct({ endpoint: "http://127.0.0.1:9" })));
    const req = new provproto.CreateRequest().setUrn(URN).setPreview(true).setProperties(struct(TRYON));
    const res = await rpc<import("@pulumi/pulumi/proto/provider_pb").CreateResponse>("create", req);
    const props = res.getProperties()!.toJavaScript();
    expect(props.taskId).toBe(UNKNOWN);
    expect(props.status).toBe(UNKNOWN);
    expect(props.subAppId).toBe(251007502);
  });

  it("Check refuses a second resource declaring the same idempotencyScope in the run", async () => {
    const check = (name: string) =>
      rpc<import("@pulumi/pulumi/proto/provider_pb").CheckResponse>(
        "check",
        new provproto.CheckRequest()
          .setUrn(URN.replace("tryon", name))
          .setOlds(struct({}))
          .setNews(struct({ ...TRYON, idempotencyScope: "shop/dev/shared" })),
      );
    expect((await check("first")).getFailuresList()).toEqual([]);
    const failures = (await check("second")).getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
    expect(failures).toEqual([
      ["idempotencyScope", expect.stringMatching(/same idempotencyScope "shop\/dev\/shared"/)],
    ]);
  });

  it("Check warns about a presigned URL given in clear, not about one marked secret", async () => {
    const said: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
      said.push(String(s));
      return true;
    });
    try {
      const url = "https://b.example.com/m.png?q-signature=abc123";
      for (const [name, value] of [
        ["clear", url],
        ["hidden", secret(url)],
      ] as const) {
        await rpc(
          "check",
          new provproto.CheckRequest()
            .setUrn(URN.replace("tryon", name))
            .setOlds(struct({}))
            .setNews(struct({ ...TRYON, fileInfos: [{ type: "Url", url: value }] })),
        );
      }
    } finally {
      spy.mockRestore();
    }
    const warnings = said.filter((l) => l.includes("presigned URL"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"clear": fileInfos\[0\]\.url holds a presigned URL in clear.*mark it secret/);
    expect(warnings[0]).not.toContain("abc123");
  });

  it("GetSchema answers the package schema with the five kinds' tokens and their batches'", async () => {
    const res = await rpc<{ getSchema(): string }>("getSchema", new provproto.GetSchemaRequest());
    const schema = JSON.parse(res.getSchema());
    expect(schema.name).toBe("aigc");
    expect(Object.keys(schema.resources).sort()).toEqual([
      "aigc:alibaba:AiImageJob",
      "aigc:alibaba:AiImageJobSet",
      "aigc:alibaba:ProductionJob",
      "aigc:alibaba:ProductionJobSet",
      "aigc:alibaba:Txt2ImgInferenceJob",
      "aigc:alibaba:Txt2ImgInferenceJobSet",
      "aigc:tencent:AigcSubject",
      "aigc:tencent:AigcSubjectSet",
      "aigc:tencent:SceneAigcImageTask",
      "aigc:tencent:SceneAigcImageTaskSet",
    ]);
    const set = schema.resources["aigc:tencent:SceneAigcImageTaskSet"];
    expect(set.requiredInputs).toEqual(["items"]);
    expect(set.inputProperties.items.additionalProperties.$ref).toBe("#/types/aigc:tencent:SceneAigcImageTaskSetItem");
    expect(Object.keys(set.properties).sort()).toEqual(["counts", "items"]);
  });
});

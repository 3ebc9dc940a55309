// The plugin's Diff of an adopting resource (every imported resource is one), over real gRPC as the engine calls
// it. A vendor field declared later (one `pulumi import` could not recover) is an in-place change that names no
// property: the schema marks every vendor input `replaceOnChanges`, which the generated SDKs turn into the
// resource option of that name, and the engine replaces on any changed key it lists. A replacement would adopt
// the same job again and then delete the old resource, which deletes a subject's element.
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../harness";

const fromDist = <T>(module: string): T => require(path.join(repoRoot, "dist", `${module}.js`)) as T;
const { grpc, provproto, provrpc, structproto } =
  fromDist<typeof import("../../../provider/plugin/grpc-modules")>("provider/plugin/grpc-modules");
const { serve } = fromDist<typeof import("../../../provider/plugin/main")>("provider/plugin/main");
const { storeInputs } = fromDist<typeof import("../../../provider/runtime/stored-inputs")>(
  "provider/runtime/stored-inputs",
);
const { packageSchema } = fromDist<typeof import("../../../provider/schema/package-schema")>(
  "provider/schema/package-schema",
);

const URN = "urn:pulumi:dev::shop::aigc:alibaba:Txt2ImgInferenceJob::portrait";
const struct = (o: Record<string, unknown>) => structproto.Struct.fromJavaScript(o as never);
const IMPORTED = {
  modelId: "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
  prompt: "",
  adoptJobId: "3220",
  idempotencyScope: "shop/dev/alibaba:Txt2ImgInferenceJob/portrait",
};

let server: grpcTypes.Server;
let client: grpcTypes.Client;
beforeAll(async () => {
  const s = await serve(undefined);
  server = s.server;
  client = new provrpc.ResourceProviderClient(`127.0.0.1:${s.port}`, grpc.credentials.createInsecure());
});
afterAll(() => {
  client?.close();
  server?.forceShutdown();
});

function diff(news: Record<string, unknown>): Promise<import("@pulumi/pulumi/proto/provider_pb").DiffResponse> {
  const olds = { ...storeInputs(IMPORTED), jobId: "3220", progress: 100, idempotencyKey: "pa-adopted" };
  const req = new provproto.DiffRequest().setId("3220").setUrn(URN).setOlds(struct(olds)).setNews(struct(news));
  const c = client as unknown as Record<string, (r: unknown, cb: (e: Error | null, r: unknown) => void) => void>;
  return new Promise((resolve, reject) => c.diff!.call(client, req, (e, r) => (e ? reject(e) : resolve(r as never))));
}

describe("the plugin's Diff of an adopting resource", () => {
  it("a vendor field declared later: a change that names no property, so replaceOnChanges cannot replace", async () => {
    const schema = packageSchema("0.0.0") as {
      resources: Record<string, { inputProperties: Record<string, { replaceOnChanges?: boolean }> }>;
    };
    expect(schema.resources["aigc:alibaba:Txt2ImgInferenceJob"]!.inputProperties.prompt!.replaceOnChanges).toBe(true);
    const d = await diff({ ...IMPORTED, prompt: "a photo of a <special-token> on a beach" });
    expect(d.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(d.getReplacesList()).toEqual([]);
    expect(d.getDiffsList()).toEqual([]);
  });

  it("another job named by the adopt input replaces", async () => {
    const d = await diff({ ...IMPORTED, adoptJobId: "3221" });
    expect(d.getReplacesList()).toEqual(["adoptJobId"]);
  });
});

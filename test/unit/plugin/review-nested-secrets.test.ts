// Adversarial review (issue 20), fixed with it: the plugin's Check kept a secret only at the top level or inside
// objects, never inside arrays. A presigned URL is most often an array element's field (`fileInfos[0].url`,
// `clothesFileInfos`, `refer_images`), which a YAML program marks with `fn::secret` as docs/provider-plugin.md
// asks; Check's inputs are what the engine stores as the resource's inputs, so the URL (its signature) reached
// the state in clear. Over real gRPC, as the engine calls it.
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as pb from "@pulumi/pulumi/proto/provider_pb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoRoot } from "../../../harness";

const fromDist = <T>(module: string): T => require(path.join(repoRoot, "dist", `${module}.js`)) as T;
const { grpc, provproto, provrpc, structproto } =
  fromDist<typeof import("../../../provider/plugin/grpc-modules")>("provider/plugin/grpc-modules");
const { serve } = fromDist<typeof import("../../../provider/plugin/main")>("provider/plugin/main");

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const PRESIGNED =
  "https://shop-1250000000.cos.ap-guangzhou.myqcloud.com/model.png?q-sign-algorithm=sha1&q-signature=0d2b9c1f";
const struct = (o: Record<string, unknown>) => structproto.Struct.fromJavaScript(o as never);

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

function check(news: Record<string, unknown>): Promise<pb.CheckResponse> {
  const req = new provproto.CheckRequest()
    .setUrn("urn:pulumi:dev::shop::aigc:tencent:SceneAigcImageTask::tryon")
    .setOlds(struct({}))
    .setNews(struct(news));
  const c = client as unknown as Record<string, (r: unknown, cb: (e: Error | null, r: unknown) => void) => void>;
  return new Promise((resolve, reject) => c.check!.call(client, req, (e, r) => (e ? reject(e) : resolve(r as never))));
}

describe("review: the plugin's Check keeps a secret inside an array", () => {
  it("a presigned URL marked secret in fileInfos[0].url stays secret in the checked inputs", async () => {
    const res = await check({
      subAppId: 251007502,
      sceneInfo: { type: "product_image", productImageConfig: { prompt: "studio shot" } },
      fileInfos: [{ type: "Url", url: { [SIG]: SECRET_SIG, value: PRESIGNED } }],
    });
    expect(res.getFailuresList().map((f) => f.getReason())).toEqual([]);
    const inputs = res.getInputs()!.toJavaScript() as { fileInfos: Array<Record<string, unknown>> };
    expect(inputs.fileInfos[0]!.url).toEqual({ [SIG]: SECRET_SIG, value: PRESIGNED });
    expect(inputs.fileInfos[0]!.type).toBe("Url");
  });
});

// The plugin process (bin/pulumi-resource-aigc) over gRPC against the real emulator, serving a batch
// (aigc:alibaba:ProductionJobSet) through the same runtime as the dynamic batch resources: Check validates each
// item by name and adds the default scope, Create submits one job per item, Diff never replaces the batch, and an
// Update with one item added and one removed submits one job. No CLI: the test speaks the engine's side.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as pb from "@pulumi/pulumi/proto/provider_pb";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, submissions } from "../../harness";
import { grpc, provproto, provrpc, structproto } from "../../provider/plugin/grpc-modules";
import { startTestEmulator } from "../support/emulator";

const SET = "urn:pulumi:dev::shop::aigc:alibaba:ProductionJobSet::covers";
const item = (n: string) => ({
  functionName: "Cover",
  input: { type: "OSS", media: `oss://media-bucket/in/${n}.mp4` },
  output: { type: "OSS", media: `oss://media-bucket/out/${n}.jpg` },
});
const struct = (o: Record<string, unknown>) => structproto.Struct.fromJavaScript(o as never);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-aigc-plugin-batch-"));

let emu: RunningEmulator;
let plugin: ChildProcess;
let client: grpcTypes.Client;

function rpc<T>(method: string, req: unknown): Promise<T> {
  const c = client as unknown as Record<string, (r: unknown, cb: (e: Error | null, r: T) => void) => void>;
  return new Promise((resolve, reject) => c[method]!.call(client, req, (e, r) => (e ? reject(e) : resolve(r))));
}

beforeAll(async () => {
  emu = await startTestEmulator({ jobLatencyMs: 300 });
  plugin = spawn(path.join(repoRoot, "bin", "pulumi-resource-aigc"), [], {
    cwd: tmp,
    env: { ...process.env, PULUMI_HOME: path.join(tmp, "home") },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    plugin.stdout!.once("data", (d) => resolve(Number(String(d).trim())));
    plugin.once("exit", (code) => reject(new Error(`plugin exited with ${code}`)));
  });
  client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const config = {
    endpoint: emu.url,
    alibabaAccessKeyId: emu.credentials.alibaba.accessKeyId,
    alibabaAccessKeySecret: emu.credentials.alibaba.accessKeySecret,
    ledger: `file://${path.join(tmp, "ledger")}`,
  };
  await rpc("configure", new provproto.ConfigureRequest().setArgs(struct(config)));
});
afterAll(async () => {
  client?.close();
  plugin?.kill("SIGTERM");
  await emu?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A secret output as the engine's wire carries it (ProductionJob's outputUrls are secret, so `items` is). */
const SIG = "4dabf18193072939515e22adb298388d";
const revealed = (v: unknown) => ((v as Record<string, unknown>)[SIG] ? (v as { value: unknown }).value : v);
const sent = async () => (await submissions(emu)).SubmitIProductionJob ?? 0;
const check = async (olds: Record<string, unknown>, news: Record<string, unknown>) =>
  rpc<pb.CheckResponse>("check", new provproto.CheckRequest().setUrn(SET).setOlds(struct(olds)).setNews(struct(news)));

describe("plugin: a batch through the same runtime as the dynamic batch resources", () => {
  let outs: Record<string, unknown>;

  it("Check names a bad item's property; Create submits one job per item, each in its own scope", async () => {
    const bad = await check({}, { items: { "sku-9": { ...item("x"), functionName: "" } } });
    expect(bad.getFailuresList().map((f) => f.getProperty())).toContain('items["sku-9"].functionName');
    const inputs = (await check({}, { items: { a: item("a"), b: item("b") } })).getInputs()!.toJavaScript();
    expect(inputs.idempotencyScope).toBe("shop/dev/alibaba:ProductionJobSet/covers");
    const create = new provproto.CreateRequest().setUrn(SET).setProperties(struct(inputs));
    outs = (await rpc<pb.CreateResponse>("create", create)).getProperties()!.toJavaScript();
    expect(await sent()).toBe(2);
    expect(outs.counts).toEqual({ total: 2, succeeded: 2, failed: 0, unfinished: 0 });
    expect((outs.items as Record<string, unknown>)[SIG]).toBeDefined();
  });

  it("Update with one item added and one removed submits one job; the unchanged item keeps its job", async () => {
    const inputs = (await check(outs, { items: { a: item("a"), c: item("c") } })).getInputs()!.toJavaScript();
    const diff = new provproto.DiffRequest().setUrn(SET).setId("set").setOlds(struct(outs)).setNews(struct(inputs));
    const d = await rpc<pb.DiffResponse>("diff", diff);
    expect(d.getReplacesList()).toEqual([]);
    const update = new provproto.UpdateRequest().setUrn(SET).setId("set").setOlds(struct(outs)).setNews(struct(inputs));
    const after = (await rpc<pb.UpdateResponse>("update", update)).getProperties()!.toJavaScript();
    expect(await sent()).toBe(3);
    const items = revealed(after.items) as Record<string, { jobId: string }>;
    expect(Object.keys(items).sort()).toEqual(["a", "c"]);
    expect(items.a!.jobId).toBe((revealed(outs.items) as Record<string, { jobId: string }>).a!.jobId);
  });
});

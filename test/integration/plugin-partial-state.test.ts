// The plugin process (bin/pulumi-resource-aigc, as the engine starts it) over gRPC against the real emulator: a
// job still running at its wait deadline comes back as a partial state (ErrorResourceInitFailed with the job id,
// secrets marked), Update resumes it and a Create retried after a lost state recovers the same job from the
// ledger: one submission in all; a Read with empty properties (`pulumi import`) adopts it without submitting. No
// CLI: the test speaks the engine's side of the protocol.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as pb from "@pulumi/pulumi/proto/provider_pb";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, submissions } from "../../harness";
import { grpc, provproto, provrpc, statusproto, structproto } from "../../provider/plugin/grpc-modules";
import { advanceClock, startTestEmulator } from "../support/emulator";

const URN = "urn:pulumi:dev::shop::aigc:alibaba:ProductionJob::cover";
const SIG = "4dabf18193072939515e22adb298388d";
const COVER = {
  functionName: "Cover",
  input: { type: "OSS", media: "oss://media-bucket/in/launch.mp4" },
  output: { type: "OSS", media: "oss://media-bucket/out/launch-cover.jpg" },
};
const struct = (o: Record<string, unknown>) => structproto.Struct.fromJavaScript(o as never);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-aigc-plugin-partial-"));

let emu: RunningEmulator;
let plugin: ChildProcess;
let client: grpcTypes.Client;

/** Starts the plugin as the engine does (no engine address: it logs to stderr) and resolves with its port. */
function startPlugin(): Promise<number> {
  plugin = spawn(path.join(repoRoot, "bin", "pulumi-resource-aigc"), [], {
    cwd: tmp,
    env: { ...process.env, PULUMI_HOME: path.join(tmp, "home") },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    plugin.stdout!.once("data", (d) => resolve(Number(String(d).trim())));
    plugin.once("exit", (code) => reject(new Error(`plugin exited with ${code}`)));
  });
}

function rpc<T>(method: string, req: unknown): Promise<T> {
  const c = client as unknown as Record<string, (r: unknown, cb: (e: Error | null, r: T) => void) => void>;
  return new Promise((resolve, reject) => c[method]!.call(client, req, (e, r) => (e ? reject(e) : resolve(r))));
}

/** The ErrorResourceInitFailed a failed call carries, as the engine decodes it. */
function initFailure(err: grpcTypes.ServiceError): pb.ErrorResourceInitFailed {
  const bin = err.metadata.get("grpc-status-details-bin")[0] as Buffer;
  const status = statusproto.Status.deserializeBinary(new Uint8Array(bin));
  const any = status.getDetailsList()[0]!;
  return any.unpack(provproto.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed")!;
}

beforeAll(async () => {
  // A job far longer than the wait; the emulator's clock, not the wall clock, finishes it.
  emu = await startTestEmulator({ jobLatencyMs: 600_000 });
  const port = await startPlugin();
  client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const config = {
    endpoint: emu.url,
    alibabaAccessKeyId: emu.credentials.alibaba.accessKeyId,
    alibabaAccessKeySecret: {
      [SIG]: "1b47061264138c4ac30d75fd1eb44270",
      value: emu.credentials.alibaba.accessKeySecret,
    },
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

describe("plugin: a job past its wait deadline is kept, resumed and never submitted twice", () => {
  let inputs: Record<string, unknown>;
  let partial: Record<string, unknown>;

  it("Create returns a partial state carrying the job id when the wait times out", async () => {
    const check = new provproto.CheckRequest()
      .setUrn(URN)
      .setOlds(struct({}))
      .setNews(struct({ ...COVER, waitTimeoutSeconds: 1 }));
    const checked = await rpc<pb.CheckResponse>("check", check);
    expect(checked.getFailuresList()).toEqual([]);
    inputs = checked.getInputs()!.toJavaScript();
    const create = new provproto.CreateRequest().setUrn(URN).setProperties(struct(inputs));
    const err = (await rpc("create", create).catch((e) => e)) as grpcTypes.ServiceError;
    expect(err.message).toMatch(/its id is saved/);
    const detail = initFailure(err);
    partial = detail.getProperties()!.toJavaScript();
    expect(detail.getId()).toMatch(/\S/);
    expect(partial.jobId).toBe(detail.getId());
    expect(await submissions(emu)).toEqual({ SubmitIProductionJob: 1 });
  });

  it("a Create retried as if its state were lost recovers the same job from the ledger", async () => {
    const create = new provproto.CreateRequest().setUrn(URN).setProperties(struct(inputs));
    const err = (await rpc("create", create).catch((e) => e)) as grpcTypes.ServiceError;
    expect(initFailure(err).getId()).toBe(partial.jobId);
    expect(await submissions(emu)).toEqual({ SubmitIProductionJob: 1 });
  });

  it("Update resumes the job once it finished, with its secret outputs marked", async () => {
    await advanceClock(emu, 600_000);
    const update = new provproto.UpdateRequest()
      .setId(String(partial.jobId))
      .setUrn(URN)
      .setOlds(struct(partial))
      .setNews(struct({ ...inputs, waitTimeoutSeconds: 60 }));
    const res = await rpc<pb.UpdateResponse>("update", update);
    const outs = res.getProperties()!.toJavaScript();
    expect(outs.status).toBe("Success");
    expect((outs.outputUrls as Record<string, unknown>)[SIG]).toBeDefined();
    expect(await submissions(emu)).toEqual({ SubmitIProductionJob: 1 });
  });

  it("Read with empty properties (an import by id) returns the job and its inputs without submitting", async () => {
    const read = new provproto.ReadRequest().setId(String(partial.jobId)).setUrn(URN).setProperties(struct({}));
    const res = await rpc<pb.ReadResponse>("read", read);
    expect(res.getId()).toBe(partial.jobId);
    expect(res.getProperties()!.toJavaScript().status).toBe("Success");
    expect(res.getInputs()!.toJavaScript()).toMatchObject({ functionName: "Cover" });
    expect(await submissions(emu)).toEqual({ SubmitIProductionJob: 1 });
  });

  it("after Cancel (Ctrl-C), a Create submits nothing and says so", async () => {
    await rpc("cancel", new (require("google-protobuf/google/protobuf/empty_pb").Empty)());
    const urn = URN.replace("::cover", "::cover2");
    const news = { ...COVER, output: { type: "OSS", media: "oss://media-bucket/out/other.jpg" } };
    const checked = await rpc<pb.CheckResponse>(
      "check",
      new provproto.CheckRequest().setUrn(urn).setOlds(struct({})).setNews(struct(news)),
    );
    const create = new provproto.CreateRequest().setUrn(urn).setProperties(checked.getInputs());
    await expect(rpc("create", create)).rejects.toThrow(/cancelled before it was submitted; nothing was submitted/);
    expect(await submissions(emu)).toEqual({ SubmitIProductionJob: 1 });
  });
});

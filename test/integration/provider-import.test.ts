// `pulumi import` in the provider runtime (provider/runtime/import-job.ts), against the real emulator over loopback
// and a file ledger: each kind's job, submitted once by a resource, is imported by its id into another resource.
// Nothing is submitted; the inputs come from the vendor's record; the next diff of what the import printed is empty;
// inputs it could not recover never replace (provider/runtime/adopted-diff.ts); the ledger records the holder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../harness";
import { submissions } from "../../harness/aigc-stack";
import { holderText } from "../../provider/resource-holder";
import { startTestEmulator } from "../support/emulator";

// The built runtime, as the provider process loads it (its kinds are required at call time, from dist/).
const dist = (m: string) => require(join(repoRoot, "dist", m));
const { check, configure, create, diff, kindOf } = dist(
  "provider/runtime/index.js",
) as typeof import("../../provider/runtime/index");
const { importJob } = dist("provider/runtime/import-job.js") as typeof import("../../provider/runtime/import-job");
const { IntentHeldError } = dist(
  "provider/runtime/intent-holder.js",
) as typeof import("../../provider/runtime/intent-holder");
const { processLedger } = dist(
  "provider/runtime/ledger/process-ledger.js",
) as typeof import("../../provider/runtime/ledger/process-ledger");
const { NotFoundError } = dist("sdk/core/errors.js") as typeof import("../../sdk/core/errors");

type Props = Record<string, unknown>;
const SUB_APP = 251007502;
/** One resource of each kind, as harness/programs/all-kinds.ts declares them (camelCase inputs). */
const RESOURCES: Record<string, { kind: string; inputs: Props }> = {
  subject: {
    kind: "tencent:AigcSubject",
    inputs: {
      subAppId: SUB_APP,
      elementName: "model-a",
      elementDescription: "imported subject",
      referenceType: "image_refer",
      elementImageList: {
        frontal_image: "https://example.com/front.png",
        refer_images: [{ image_url: "https://example.com/side.png" }],
      },
      sessionContext: "not recorded by Tencent",
    },
  },
  tryon: {
    kind: "tencent:SceneAigcImageTask",
    inputs: {
      subAppId: SUB_APP,
      sceneInfo: {
        type: "ai_try_on",
        aiTryOnConfig: {
          model: "WAND-tryon-1.0-lite",
          clothesFileInfos: [{ type: "Url", url: "https://example.com/jacket.png" }],
        },
      },
      fileInfos: [{ type: "Url", url: "https://example.com/model.png" }],
      outputConfig: { storageMode: "Permanent", resolution: "2K" },
    },
  },
  gif: {
    kind: "alibaba:AiImageJob",
    inputs: {
      videoId: "357a8748c5774a0e89d2726e6436aa01",
      aiTemplateId: "ef1a8842cb9f4d1bcea80cad902e4160",
      userData: { Extend: { team: "media" } },
    },
  },
  portrait: {
    kind: "alibaba:Txt2ImgInferenceJob",
    inputs: {
      modelId: "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
      prompt: "a photo of a <special-token> on a beach",
      imageNumber: 2,
    },
  },
  cover: {
    kind: "alibaba:ProductionJob",
    inputs: {
      functionName: "Cover",
      input: { type: "OSS", media: "oss://media-bucket/in/launch.mp4" },
      output: { type: "OSS", media: "oss://media-bucket/out/launch-cover.jpg" },
    },
  },
};

let emu: RunningEmulator;
const home = mkdtempSync(join(tmpdir(), "import-"));
/** The job id each resource's create obtained. */
const jobIds: Record<string, string> = {};

/** What the plugin's check adds to a program's inputs: the resource's scope and holder. */
const defaultsOf = (name: string, kind: string, instance = "s-importtest0000000") => ({
  idempotencyScope: `p/imported/${kind}/${name}`,
  __holder: holderText(instance, "p", "imported", `${kind}/${name}`),
});

beforeAll(async () => {
  emu = await startTestEmulator({ jobLatencyMs: 50 });
  const config: Record<string, string> = {
    "aigc:endpoint": emu.url,
    "aigc:journalDir": home,
    "aigc:tencentSecretId": emu.credentials.tencent.secretId,
    "aigc:tencentSecretKey": emu.credentials.tencent.secretKey,
    "aigc:alibabaAccessKeyId": emu.credentials.alibaba.accessKeyId,
    "aigc:alibabaAccessKeySecret": emu.credentials.alibaba.accessKeySecret,
  };
  configure({ get: (k) => config[k] });
  for (const [name, r] of Object.entries(RESOURCES)) {
    const scope = `p/orig/${r.kind}/${name}`;
    const holder = holderText("s-origstack000000", "p", "orig", `${r.kind}/${name}`);
    const { id } = await create(r.kind, { ...r.inputs, idempotencyScope: scope, __holder: holder });
    jobIds[name] = id;
  }
}, 60_000);

afterAll(async () => {
  await emu?.close();
  rmSync(home, { recursive: true, force: true });
});

describe("pulumi import of each kind's job by id", () => {
  const imported: Record<string, Awaited<ReturnType<typeof importJob>>> = {};

  it("submits nothing and fills the inputs from the vendor's record", async () => {
    const before = await submissions(emu);
    for (const [name, r] of Object.entries(RESOURCES)) {
      imported[name] = await importJob(kindOf(r.kind), jobIds[name]!, defaultsOf(name, r.kind));
    }
    expect(await submissions(emu)).toEqual(before);
    const adopt = (name: string) => (name === "subject" || name === "tryon" ? "adoptTaskId" : "adoptJobId");
    for (const name of Object.keys(RESOURCES)) {
      expect(imported[name]!.id).toBe(jobIds[name]);
      expect(imported[name]!.inputs[adopt(name)]).toBe(jobIds[name]);
    }
    expect(imported.subject!.inputs).toMatchObject({
      subAppId: SUB_APP,
      elementName: "model-a",
      elementDescription: "imported subject",
      referenceType: "image_refer",
    });
    expect(JSON.parse(String(imported.subject!.inputs.elementImageList))).toEqual(
      RESOURCES.subject!.inputs.elementImageList,
    );
    const { subAppId: _s, ...tryon } = RESOURCES.tryon!.inputs;
    expect(imported.tryon!.inputs).toMatchObject(tryon);
    expect(imported.tryon!.inputs.subAppId).toBe(SUB_APP);
    expect(imported.gif!.inputs).toMatchObject({
      videoId: RESOURCES.gif!.inputs.videoId,
      aiTemplateId: RESOURCES.gif!.inputs.aiTemplateId,
    });
    // The prompt is required and not returned: a placeholder, as `pulumi import` prints one.
    expect(imported.portrait!.inputs).toEqual({
      modelId: RESOURCES.portrait!.inputs.modelId,
      prompt: "",
      adoptJobId: jobIds.portrait,
    });
    expect(imported.cover!.inputs).toMatchObject(RESOURCES.cover!.inputs);
  });

  it("leaves out the provider's own marker, and keeps the user's UserData", () => {
    // The marker alone was the cover's UserData; the gif's carried the user's Extend beside it.
    expect(imported.cover!.inputs.userData).toBeUndefined();
    expect(JSON.parse(String(imported.gif!.inputs.userData))).toEqual({ Extend: { team: "media" } });
  });

  it("a program that declares the marker itself is refused at preview (ICE's UserData too)", async () => {
    const r = RESOURCES.cover!;
    const inputs = { ...r.inputs, ...defaultsOf("own", r.kind), userData: { pulumiAigcKey: "pa-mine" } };
    expect((await check(r.kind, {}, inputs)).failures).toEqual([
      expect.objectContaining({ property: "userData.pulumiAigcKey" }),
    ]);
  });

  it("names the inputs it could not recover", () => {
    expect(imported.portrait!.unrecovered).toEqual(["imageNumber", "prompt", "seed"]);
    expect(imported.portrait!.message).toMatch(/not recovered .*: imageNumber, prompt, seed/);
    expect(imported.subject!.unrecovered).toContain("sessionContext");
    expect(imported.subject!.unrecovered).not.toContain("sessionId"); // the provider's own field
    expect(imported.tryon!.message).toMatch(/nothing was submitted/);
  });

  it("the program that declares what the import printed has no changes", async () => {
    for (const [name, r] of Object.entries(RESOURCES)) {
      const news = { ...imported[name]!.inputs, ...defaultsOf(name, r.kind) };
      expect((await check(r.kind, imported[name]!.outputs, news)).failures).toEqual([]);
      const d = await diff(r.kind, jobIds[name]!, imported[name]!.outputs, news);
      expect({ name, changes: d.changes }).toEqual({ name, changes: false });
    }
  });

  it("an input it could not recover, declared later, updates in place: never a replacement", async () => {
    const r = RESOURCES.portrait!;
    const news = { ...imported.portrait!.inputs, ...defaultsOf("portrait", r.kind), prompt: r.inputs.prompt };
    const d = await diff(r.kind, jobIds.portrait!, imported.portrait!.outputs, news);
    expect(d).toMatchObject({ changes: true, replaces: [] });
    // A different job named by the adopt input is another job: that one replaces.
    const other = await diff(r.kind, jobIds.portrait!, imported.portrait!.outputs, { ...news, adoptJobId: "999" });
    expect(other.replaces).toContain("adoptJobId");
  });

  it("records in the ledger which resource holds the job", async () => {
    const ledger = await processLedger();
    const held = await ledger.list({ holding: jobIds.cover! });
    const adopted = held.find((i) => i.state === "adopted");
    expect(adopted).toMatchObject({ scope: "p/imported/alibaba:ProductionJob/cover", jobId: jobIds.cover });
    expect(adopted?.holder).toBe(defaultsOf("cover", "alibaba:ProductionJob").__holder);
  });

  it("another stack instance importing the same job into the same scope is refused, and submits nothing", async () => {
    const before = await submissions(emu);
    const defaults = defaultsOf("cover", "alibaba:ProductionJob", "s-anotherstack0000");
    await expect(importJob(kindOf("alibaba:ProductionJob"), jobIds.cover!, defaults)).rejects.toThrow(IntentHeldError);
    expect(await submissions(emu)).toEqual(before);
  });

  it("an id the vendor does not know fails, recording nothing", async () => {
    const ledger = await processLedger();
    const defaults = defaultsOf("ghost", "alibaba:ProductionJob");
    await expect(
      importJob(kindOf("alibaba:ProductionJob"), "0123456789abcdef0123456789abcdef", defaults),
    ).rejects.toThrow(NotFoundError);
    expect(await ledger.list({ scopePrefix: defaults.idempotencyScope })).toEqual([]);
  });
});

// What each side loads, measured in fresh Node processes on the built package: a program loads neither schemas
// nor the sdk; the dynamic provider's check loads one kind's declaration and schemas and never the clients'
// transport, the ledger or the job lifecycle; its diff of outputs written by this version loads no kind at all.
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../harness";

/** Runs `body` (an async function body) in a fresh Node process in the repository; returns what it printed. */
function inFreshProcess(body: string): unknown {
  const script = `(async () => {
    const loaded = () => Object.keys(require.cache).map((k) => k.replace(${JSON.stringify(`${repoRoot}/`)}, ""));
    ${body}
  })().catch((e) => { console.error(e); process.exit(1); });`;
  // A state backend, as the engine's environment gives the provider one (the repository's own project names none:
  // under CI=true, check would otherwise refuse a machine-local ledger).
  const env = { ...process.env, PULUMI_BACKEND_URL: `file://${os.tmpdir()}` };
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: repoRoot, encoding: "utf8", env }));
}

/** Valid inputs of one resource of each kind, as a program passes them (camelCase). */
const INPUTS: Record<string, Record<string, unknown>> = {
  "tencent:SceneAigcImageTask": {
    subAppId: 251007502,
    sceneInfo: { type: "product_image", productImageConfig: { prompt: "a shoe" } },
    fileInfos: [{ type: "Url", url: "https://assets.example.com/p.png" }],
  },
  "tencent:AigcSubject": {
    subAppId: 251007502,
    elementName: "a",
    referenceType: "image_refer",
    elementImageList: { frontal_image: "https://a/f.png", refer_images: [{ image_url: "https://a/s.png" }] },
  },
  "alibaba:AiImageJob": {
    videoId: "357a8748c5774a0e89d2726e6436aa01",
    aiTemplateId: "ef1a8842cb9f4d1bcea80cad902e4160",
  },
  "alibaba:ProductionJob": {
    functionName: "Cover",
    input: { type: "OSS", media: "oss://bench-media/in/1.mp4" },
    output: { type: "OSS", media: "oss://bench-media/out/1.jpg" },
  },
  "alibaba:Txt2ImgInferenceJob": { modelId: "girl_6dcc62b4", prompt: "a photo of a <special-token>" },
};
const KIND_FILES = [
  "scene-aigc-image-task",
  "aigc-subject",
  "ai-image-job",
  "production-job",
  "txt2img-inference-job",
].map((f) => `dist/provider/kinds/${f}/kind.js`);

const heavy = (files: string[]) =>
  files.filter(
    (f) =>
      /node_modules\/(undici|pg)\//.test(f) ||
      /dist\/provider\/runtime\/job-lifecycle/.test(f) ||
      // The ledger itself (file, PostgreSQL, opening, lifecycle glue): check only resolves where it would be
      // (the pipeline rule), with the light modules that read the settings, the project and the login.
      /dist\/provider\/runtime\/ledger\/(?!(ledger|ledger-location|state-backend|pipeline-rule|runner)\.js$)/.test(f) ||
      /dist\/sdk\/(index|internal)\.js$|dist\/sdk\/(tencent|alibaba)\/.*-client\.js$/.test(f),
  );

describe("the program side", () => {
  it("loads neither the sdk nor zod: the classes are built from the kinds' surfaces", () => {
    const files = inFreshProcess(`
      const before = new Set(loaded());
      require("pulumi-aigc");
      console.log(JSON.stringify(loaded().filter((f) => !before.has(f))));
    `) as string[];
    expect(files).toContain("dist/provider/kinds/scene-aigc-image-task/surface.js");
    expect(files.filter((f) => f.includes("/zod/") || f.startsWith("dist/sdk/"))).toEqual([]);
    expect(files.filter((f) => KIND_FILES.includes(f))).toEqual([]);
  });
});

describe("the dynamic provider", () => {
  for (const [kind, inputs] of Object.entries(INPUTS)) {
    it(`${kind}: check loads its declaration and schemas, nothing of other kinds, no transport or ledger`, () => {
      const r = inFreshProcess(`
        const { dynamicProviderSource } = require("./dist/provider/dynamic-provider.js");
        const requireFromString = require("require-from-string");
        const provider = requireFromString(dynamicProviderSource(${JSON.stringify(kind)})).handler();
        await provider.configure({ config: { get: () => undefined } });
        const checked = await provider.check({}, ${JSON.stringify(inputs)});
        const methods = Object.keys(provider).sort();
        console.log(JSON.stringify({ methods, failures: checked.failures, files: loaded() }));
      `) as { methods: string[]; failures: unknown[]; files: string[] };
      expect(r.methods).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
      expect(r.failures).toEqual([]);
      expect(heavy(r.files)).toEqual([]);
      const own = r.files.filter((f) => KIND_FILES.includes(f));
      expect(own).toHaveLength(1);
      expect(own[0]).toMatch(/kinds\/[\w-]+\/kind\.js$/);
    });
  }

  it("diff of outputs with stored inputs loads no kind declaration and no schema", () => {
    const r = inFreshProcess(`
      const { storeInputs } = require("./dist/provider/runtime/stored-inputs.js");
      const inputs = ${JSON.stringify(INPUTS["alibaba:ProductionJob"])};
      const olds = { ...storeInputs(inputs), jobId: "j1", status: "Success", progress: 100 };
      const runtime = require("pulumi-aigc/provider-runtime");
      const provider = runtime.provider("alibaba:ProductionJob");
      const same = await provider.diff("j1", olds, { ...inputs, __provider: "x" });
      const files = loaded();
      // A replacement loads the kind: the spend guard asks whether the new resource adopts a job.
      const renamed = await provider.diff("j1", olds, { ...inputs, name: "other" });
      console.log(JSON.stringify({ same, renamed, files }));
    `) as { same: { changes: boolean }; renamed: { replaces: string[] }; files: string[] };
    expect(r.same.changes).toBe(false);
    expect(r.renamed.replaces).toEqual(["name"]);
    expect(r.files.filter((f) => KIND_FILES.includes(f) || f.includes("/zod/"))).toEqual([]);
  });

  it("the registry finds every built-in kind by its name", () => {
    const names = inFreshProcess(`
      const { BUILTIN_KIND_NAMES, builtinKind } = require("./dist/provider/kinds/index.js");
      console.log(JSON.stringify(BUILTIN_KIND_NAMES.map((n) => [n, builtinKind(n).name])));
    `) as Array<[string, string]>;
    expect(names.map(([n]) => n).sort()).toEqual(Object.keys(INPUTS).sort());
    for (const [asked, found] of names) expect(found).toBe(asked);
  });
});

// A Pulumi YAML project declaring one resource of each kind through the `aigc` provider plugin (the all-kinds
// fixture's resources, as a YAML program writes them), for the plugin's end-to-end tests and benchmarks. The
// project finds the plugin through `plugins.providers` (the repository's bin/, running dist/), and the YAML
// language host through PATH (`yamlHostEnv`).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { jobAt, KIND_NAMES } from "./programs/job-args";
import { repoRoot } from "./pulumi-workspace";

/** What a YAML project declares besides the five resources. */
export interface YamlProjectOptions {
  /** An explicit `pulumi:providers:aigc` resource named `second` with these inputs; `gif2` (AiImageJob) uses it. */
  readonly secondProvider?: Record<string, unknown>;
  /** The resources to declare, by name (default: all five), as the all-kinds fixture's `fixture:only`. */
  readonly only?: readonly string[];
  /** Properties merged into a resource's, by name, as the all-kinds fixture's `fixture:overrides`. */
  readonly overrides?: Readonly<Record<string, Record<string, unknown>>>;
}

const SUB_APP = 251007502;

/** The five resources, as YAML (JSON is YAML) resource entries. */
function resources(): Record<string, unknown> {
  return {
    subject: {
      type: "aigc:tencent:AigcSubject",
      properties: {
        subAppId: SUB_APP,
        elementName: "model-a",
        elementDescription: "e2e subject",
        referenceType: "image_refer",
        elementImageList: {
          frontal_image: "https://example.com/front.png",
          refer_images: [{ image_url: "https://example.com/side.png" }],
        },
        tagList: [{ tag_id: "o_101" }],
      },
    },
    tryon: {
      type: "aigc:tencent:SceneAigcImageTask",
      properties: {
        subAppId: SUB_APP,
        sceneInfo: {
          type: "ai_try_on",
          aiTryOnConfig: {
            model: "WAND-tryon-1.0-lite",
            clothesFileInfos: [{ type: "Url", url: "https://example.com/jacket.png" }],
          },
        },
        fileInfos: [{ type: "Url", url: "https://example.com/model.png" }],
        outputConfig: { storageMode: "Temporary", resolution: "2K" },
      },
    },
    gif: {
      type: "aigc:alibaba:AiImageJob",
      properties: {
        videoId: "357a8748c5774a0e89d2726e6436aa01",
        aiTemplateId: "ef1a8842cb9f4d1bcea80cad902e4160",
        userData: { extend: { team: "media" } },
      },
    },
    portrait: {
      type: "aigc:alibaba:Txt2ImgInferenceJob",
      properties: {
        modelId: "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
        prompt: "a photo of a <special-token> on a beach",
        imageNumber: 2,
        seed: 42,
      },
    },
    cover: {
      type: "aigc:alibaba:ProductionJob",
      properties: {
        functionName: "Cover",
        input: { type: "OSS", media: "oss://media-bucket/in/launch.mp4" },
        output: { type: "OSS", media: "oss://media-bucket/out/launch-cover.jpg" },
      },
    },
  };
}

/** Writes the project (Pulumi.yaml) into a new directory under `parent`; returns that directory. */
export function writeYamlProject(parent: string, name: string, opts: YamlProjectOptions = {}): string {
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, `${name}-`));
  const res: Record<string, unknown> = {};
  for (const [name, r] of Object.entries(resources() as Record<string, { properties: Record<string, unknown> }>)) {
    if (opts.only && !opts.only.includes(name)) continue;
    res[name] = { ...r, properties: { ...r.properties, ...opts.overrides?.[name] } };
  }
  if (opts.secondProvider) {
    res.second = { type: "pulumi:providers:aigc", properties: opts.secondProvider };
    res.gif2 = {
      type: "aigc:alibaba:AiImageJob",
      properties: { videoId: "b2b2b2b2c5774a0e89d2726e6436aa01", aiTemplateId: "ef1a8842cb9f4d1bcea80cad902e4160" },
      // A YAML interpolation, not a template string.
      options: { provider: ["$", "{second}"].join("") },
    };
  }
  const project = {
    name,
    runtime: "yaml",
    plugins: { providers: [{ name: "aigc", path: path.join(repoRoot, "bin") }] },
    resources: res,
  };
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `${JSON.stringify(project, null, 2)}\n`);
  return dir;
}

/**
 * Writes a project of `n` jobs of mix `mix` (./programs/job-args.ts: the jobs of the Node bench program) declared
 * through the plugin into a new directory under `parent`; returns that directory.
 */
export function writeYamlJobProject(parent: string, name: string, n: number, mix: string): string {
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, `${name}-`));
  const res: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const job = jobAt(mix, i);
    res[job.name] = { type: `aigc:${KIND_NAMES[job.kind]}`, properties: job.args };
  }
  const project = {
    name,
    runtime: "yaml",
    plugins: { providers: [{ name: "aigc", path: path.join(repoRoot, "bin") }] },
    resources: res,
  };
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `${JSON.stringify(project, null, 2)}\n`);
  return dir;
}

/** The bin directory of the YAML language host (built by toolchain/pulumi-language-yaml.sh when missing). */
export function yamlHostBinDir(): string {
  const fromEnv = process.env.PULUMI_AIGC_YAML_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "pulumi-language-yaml"))) return fromEnv;
  const out = execFileSync("bash", [path.join(repoRoot, "toolchain", "pulumi-language-yaml.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split("\n").pop()!;
}

/** Environment for CLI calls that run YAML programs: the YAML language host on PATH. */
export function yamlHostEnv(): Record<string, string> {
  return { PATH: `${yamlHostBinDir()}${path.delimiter}${process.env.PATH ?? ""}` };
}

// Issue 20's row "100 jobs through the plugin against the dynamic resources, in the same run": the preview and
// `up` of N scene jobs declared in a YAML program through the provider plugin (`aigc:tencent:SceneAigcImageTask`)
// and of the same N jobs as dynamic resources in a Node program (harness/programs/job-stack.ts), one after the
// other on one emulator, each with `--parallel N`; and the size of the plugin's tarball (`npm run plugin`).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createAigcStack } from "../aigc-stack";
import type { EmulatorProcess } from "../emulator-process";
import { repoRoot, type TestStack } from "../pulumi-workspace";
import { yamlHostEnv } from "../yaml-project";
import { catalogStack, type LoadSpan, SCALE_PROJECTS } from "./catalog-row";
import { machineLoad, round, timed, vendorDelta, vendorTotals } from "./measure";

/** Preview and `up` times of one way of declaring the jobs. */
export interface PluginWay {
  readonly way: "plugin (YAML)" | "dynamic resources (Node)";
  readonly previewSeconds: number;
  readonly upSeconds: number;
  /** Vendor requests during the preview. Target 0. */
  readonly previewVendorRequests: number;
  /** Jobs the vendor created per declared job during the `up`. Target exactly 1. */
  readonly submissionsPerJob: number;
}

/** The row. */
export interface PluginRow {
  readonly jobs: number;
  readonly ways: readonly PluginWay[];
  /** The plugin tarball (`pulumi plugin install resource aigc <version> --file …`): its name, bytes, build time. */
  readonly tarball: { readonly file: string; readonly bytes: number; readonly seconds: number };
  readonly load: LoadSpan;
}

/**
 * A YAML project of N scene jobs through the plugin, found through `plugins.providers` (the repository's bin/),
 * asking for the same images as job-stack.ts's scene resources.
 */
function yamlCatalogProject(n: number): string {
  const parent = path.join(repoRoot, SCALE_PROJECTS);
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, "scale-plugin-"));
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    resources[`scene-${i}`] = {
      type: "aigc:tencent:SceneAigcImageTask",
      properties: {
        subAppId: 251007502,
        sceneInfo: { type: "product_image", productImageConfig: { prompt: `bench shot ${i}` } },
        fileInfos: [{ type: "Url", url: `https://assets.example.com/product-${i}.png` }],
        waitTimeoutSeconds: 1800,
      },
    };
  }
  const project = {
    name: "scale-plugin",
    runtime: "yaml",
    plugins: { providers: [{ name: "aigc", path: path.join(repoRoot, "bin") }] },
    resources,
  };
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `${JSON.stringify(project, null, 2)}\n`);
  return dir;
}

/** A warm-up preview, then a timed preview and a timed `up --parallel N` of the stack. */
async function measureWay(emu: EmulatorProcess, way: PluginWay["way"], t: TestStack, n: number): Promise<PluginWay> {
  await t.stack.preview({ parallel: n });
  const v0 = await vendorTotals(emu);
  const preview = await timed(() => t.stack.preview({ parallel: n }));
  const v1 = await vendorTotals(emu);
  const up = await timed(() => t.stack.up({ parallel: n }));
  const v2 = await vendorTotals(emu);
  return {
    way,
    previewSeconds: round(preview.seconds),
    upSeconds: round(up.seconds),
    previewVendorRequests: vendorDelta(v0, v1).requests,
    submissionsPerJob: round(vendorDelta(v1, v2).submissions / n, 3),
  };
}

/** Builds the plugin tarball (scripts/build-plugin.js, without the SDKs) into a temp dir: its file name and bytes. */
export function pluginTarballSize(): { file: string; bytes: number; seconds: number } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-aigc-plugin-"));
  try {
    const t0 = performance.now();
    const tarball = execFileSync(
      process.execPath,
      [path.join(repoRoot, "scripts", "build-plugin.js"), "--out", out, "--no-sdks"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    ).trim();
    const seconds = round((performance.now() - t0) / 1000);
    return { file: path.basename(tarball), bytes: fs.statSync(tarball).size, seconds };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** N scene jobs as dynamic resources, then through the plugin from YAML, on one emulator. */
export async function pluginRow(emu: EmulatorProcess, n: number): Promise<PluginRow> {
  const before = machineLoad();
  const ways: PluginWay[] = [];
  const dynamic = await catalogStack("scale-plugin-dynamic", emu, "per-job", n);
  try {
    ways.push(await measureWay(emu, "dynamic resources (Node)", dynamic, n));
  } finally {
    await dynamic.cleanup();
  }
  const projectDir = yamlCatalogProject(n);
  const plugin = await createAigcStack("scale-plugin", emu, {
    projectDir,
    env: yamlHostEnv(),
    config: { "aigc:maxSubmissionsPerUpdate": String(Math.max(100, n)) },
  });
  try {
    ways.push(await measureWay(emu, "plugin (YAML)", plugin, n));
  } finally {
    await plugin.cleanup();
    fs.rmSync(projectDir, { recursive: true, force: true });
  }
  return { jobs: n, ways, tarball: pluginTarballSize(), load: { before, after: machineLoad() } };
}

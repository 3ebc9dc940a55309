// End-to-end: `pulumi import` of each kind's job by its vendor id through the `aigc` provider plugin, with the real
// Pulumi CLI, the YAML language host and the real emulator. A first stack submits one job of each kind; a second,
// empty YAML project imports all five by id in one `pulumi import`: nothing is submitted, the output names the
// inputs that could not be recovered, and the program made of what the import printed previews with no changes.
// Both stacks share a ledger (as a team's stacks do): destroying the importer leaves the jobs' vendor objects alone,
// because the import recorded it as one more holder and the first stack still holds them.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAigcStack,
  ONE_EACH,
  repoRoot,
  submissions,
  type TestStack,
  writeYamlProject,
  yamlHostEnv,
} from "../../harness";
import { admin, startTestEmulator } from "../support/emulator";

/** Deletes and cancels the emulator answered: a subject's element deleted, a running ICE job cancelled. */
async function vendorDeletes(emu: RunningEmulator): Promise<number> {
  const { requests } = await admin<{ requests: Record<string, number> }>(emu, "stats");
  return (requests.DeleteAigcAdvancedCustomElement ?? 0) + (requests.CancelIProductionJob ?? 0);
}

const run = promisify(execFile);
const TOKENS: Record<string, string> = {
  subject: "aigc:tencent:AigcSubject",
  tryon: "aigc:tencent:SceneAigcImageTask",
  gif: "aigc:alibaba:AiImageJob",
  portrait: "aigc:alibaba:Txt2ImgInferenceJob",
  cover: "aigc:alibaba:ProductionJob",
};

/** The job id of each resource of a stack, by name. */
async function jobIds(t: TestStack): Promise<Record<string, string>> {
  const resources = (await t.stack.exportStack()).deployment.resources as Array<{ urn: string; id: string }>;
  return Object.fromEntries(
    resources.filter((r) => r.urn.includes("::aigc:")).map((r) => [r.urn.split("::")[3]!, r.id]),
  );
}

/** A YAML project of the plugin with no resources yet (what a user starts an import from). */
function emptyYamlProject(name: string): string {
  const dir = writeYamlProject(`${repoRoot}/.pulumi-aigc/e2e`, name);
  const file = path.join(dir, "Pulumi.yaml");
  const project = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  fs.writeFileSync(file, `${JSON.stringify({ ...project, resources: {} }, null, 2)}\n`);
  return dir;
}

describe("plugin: pulumi import of each kind's job by id", () => {
  let emu: RunningEmulator;
  let src: TestStack;
  let dst: TestStack;
  let ids: Record<string, string>;
  let importOutput = "";
  let ledgerDir = "";
  beforeAll(async () => {
    emu = await startTestEmulator();
    ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), "import-ledger-"));
    const env = { ...yamlHostEnv(), PULUMI_AIGC_LEDGER: `file://${ledgerDir}` };
    src = await createAigcStack("importsrc", emu, {
      projectDir: writeYamlProject(`${repoRoot}/.pulumi-aigc/e2e`, "importsrc"),
      env,
    });
    dst = await createAigcStack("importdst", emu, { projectDir: emptyYamlProject("importdst"), env });
    expect((await src.stack.up()).summary.result).toBe("succeeded");
    ids = await jobIds(src);
  });
  afterAll(async () => {
    await src?.cleanup();
    await dst?.cleanup();
    await emu?.close();
    if (ledgerDir) fs.rmSync(ledgerDir, { recursive: true, force: true });
  });

  it("imports all five by id without submitting, naming what it could not recover", async () => {
    expect(await submissions(emu)).toEqual(ONE_EACH);
    const file = path.join(dst.projectDir, "import.json");
    const resources = Object.entries(TOKENS).map(([name, type]) => ({ type, name, id: ids[name] }));
    fs.writeFileSync(file, JSON.stringify({ resources }));
    const out = path.join(dst.projectDir, "imported.yaml");
    const r = await run(
      dst.cli,
      ["import", "--file", file, "--out", out, "--protect=false", "--yes", "--non-interactive", "--stack", "e2e"],
      { cwd: dst.projectDir, env: { ...process.env, ...dst.env } },
    );
    importOutput = `${r.stdout}\n${r.stderr}`;
    expect(await submissions(emu)).toEqual(ONE_EACH);
    expect(importOutput).toMatch(/not recovered .*imageNumber, prompt, seed/);
    const generated = fs.readFileSync(out, "utf8");
    for (const name of Object.keys(TOKENS)) expect(generated).toContain(ids[name]!);
    // The program is what the import printed.
    fs.writeFileSync(path.join(dst.projectDir, "Pulumi.yaml"), programWith(dst.projectDir, generated));
  });

  it("the next preview of the printed program is unchanged", async () => {
    const p = await dst.stack.preview({ expectNoChanges: true });
    expect(p.changeSummary).toEqual({ same: 6 });
    expect(await submissions(emu)).toEqual(ONE_EACH);
  });

  it("destroying the importer leaves the vendor objects the first stack holds (one ledger)", async () => {
    expect((await dst.stack.destroy()).summary.result).toBe("succeeded");
    expect(await vendorDeletes(emu)).toBe(0);
    expect(await submissions(emu)).toEqual(ONE_EACH);
  });
});

/** The project file with the import's generated resources: the project's header, then the generated YAML. */
function programWith(dir: string, generated: string): string {
  const project = JSON.parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as {
    name: string;
    plugins: { providers: Array<{ name: string; path: string }> };
  };
  const p = project.plugins.providers[0]!;
  return [
    `name: ${project.name}`,
    "runtime: yaml",
    "plugins:",
    "  providers:",
    `    - name: ${p.name}`,
    `      path: ${JSON.stringify(p.path)}`,
    generated,
  ].join("\n");
}

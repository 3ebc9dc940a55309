// docs/reference/ is generated from the package schema (scripts/reference-docs.ts): the committed pages are what
// the generator writes now, and each page's example passes the provider's own preview rules.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { aiImageJobKind } from "../../../provider/kinds/ai-image-job/kind";
import { aigcSubjectKind } from "../../../provider/kinds/aigc-subject/kind";
import { productionJobKind } from "../../../provider/kinds/production-job/kind";
import { sceneAigcImageTaskKind } from "../../../provider/kinds/scene-aigc-image-task/kind";
import { txt2ImgInferenceJobKind } from "../../../provider/kinds/txt2img-inference-job/kind";
import { checkInputs } from "../../../provider/runtime/check";
import { packageSchemaOf } from "../../../provider/schema/package-schema";
import { type ReferenceSchema, referencePages } from "../../../scripts/reference-docs";
import { REFERENCE_EXAMPLES } from "../../../scripts/reference-examples";

const repo = path.resolve(__dirname, "..", "..", "..");
const KINDS = [sceneAigcImageTaskKind, aigcSubjectKind, aiImageJobKind, productionJobKind, txt2ImgInferenceJobKind];
const schema = packageSchemaOf("0.0.0", KINDS) as unknown as ReferenceSchema;

describe("the resource reference (docs/reference/)", () => {
  it("is what scripts/reference-docs.ts writes from the schema (run `node dist/scripts/reference-docs.js`)", () => {
    const pages = referencePages(KINDS, schema);
    const dir = path.join(repo, "docs", "reference");
    expect(fs.readdirSync(dir).sort()).toEqual(Object.keys(pages).sort());
    for (const [file, text] of Object.entries(pages)) {
      expect(fs.readFileSync(path.join(dir, file), "utf8"), file).toBe(text);
    }
  });

  it("shows each resource's inputs, outputs, examples in three languages and its import command", () => {
    const page = referencePages(KINDS, schema)["production-job.md"]!;
    expect(page).toMatch(/\| `functionName` +\| string \(enum\) +\| yes +\| replace +\|/);
    expect(page).toMatch(/\| `outputUrls` +\| list of string +\| yes +\|/);
    expect(page).toContain('const cover = new alibaba.ProductionJob("cover", {');
    expect(page).toContain("cover = aigc.alibaba.ProductionJob(\n");
    expect(page).toContain("    type: aigc:alibaba:ProductionJob\n");
    expect(page).toContain("pulumi import aigc:alibaba:ProductionJob <name> <JobId>");
    expect(referencePages(KINDS, schema)["aigc-subject.md"]).toContain('"refer_images": [');
  });

  it("has examples that the provider's preview accepts, with the schema's inputs only", () => {
    for (const kind of KINDS) {
      const ex = REFERENCE_EXAMPLES[kind.name]!;
      expect(checkInputs(kind, { ...ex.inputs }).failures, kind.name).toEqual([]);
      const inputs = schema.resources[`aigc:${kind.name}`]!.inputProperties;
      for (const k of Object.keys(ex.inputs)) expect(inputs, `${kind.name}.${k}`).toHaveProperty(k);
      expect(schema.resources[`aigc:${kind.name}`]!.properties).toHaveProperty(ex.output);
    }
  });
});

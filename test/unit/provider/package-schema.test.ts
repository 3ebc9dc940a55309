// The package schema generated from the kinds' declarations (provider/schema/): every kind's resource, its
// inputs as the request's zod schema says (camelCase, required, enums, nested types, JSON-string fields), the
// descriptions a user reads, secrets, replaceOnChanges as diff() replaces, and the provider's configuration.
// Pulumi's own binder judges the schema in test/unit/repo/generated-sdks.test.ts.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { COMMON_INPUTS, COMMON_OUTPUTS, type OutputSpec } from "../../../provider/job-kind";
import { BUILTIN_KIND_NAMES } from "../../../provider/kinds";
import { aiImageJobKind } from "../../../provider/kinds/ai-image-job/kind";
import { aigcSubjectKind } from "../../../provider/kinds/aigc-subject/kind";
import { productionJobKind } from "../../../provider/kinds/production-job/kind";
import { sceneAigcImageTaskKind } from "../../../provider/kinds/scene-aigc-image-task/kind";
import { txt2ImgInferenceJobKind } from "../../../provider/kinds/txt2img-inference-job/kind";
import { diffStored } from "../../../provider/runtime/diff";
import { CONFIG_KEYS } from "../../../provider/runtime/provider-config";
import { storeInputs } from "../../../provider/runtime/stored-inputs";
import { kindNameOf, packageSchemaOf, resourceToken } from "../../../provider/schema/package-schema";
import { resourceSchema } from "../../../provider/schema/resource-schema";
import { type PropertySpec, SchemaTypes } from "../../../provider/schema/schema-types";
import { IPRODUCTION_FUNCTIONS } from "../../../sdk";
import { DEPRECATED_SCENE_TYPES, SCENE_TYPES } from "../../../sdk/tencent/models";
import { toyProductShotKind } from "../../fixtures/toy-kind/kind";

interface Resource {
  description: string;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
  properties: Record<string, PropertySpec>;
}
interface Schema {
  resources: Record<string, Resource>;
  types: Record<string, { properties?: Record<string, PropertySpec>; required?: string[]; enum?: { value: string }[] }>;
  config: { variables: Record<string, PropertySpec> };
  provider: { inputProperties: Record<string, PropertySpec> };
}

// The registry loads each declaration with require() on first use, which vitest cannot transform: packageSchema
// itself (the built registry) runs in test/unit/repo/generated-sdks.test.ts.
const KINDS = [sceneAigcImageTaskKind, aigcSubjectKind, aiImageJobKind, productionJobKind, txt2ImgInferenceJobKind];
const schema = packageSchemaOf("1.2.3", KINDS) as unknown as Schema;
const resource = (kind: string) => schema.resources[resourceToken(kind)]!;
const typeOf = (ref: string | undefined) => schema.types[String(ref).replace("#/types/", "")]!;
const enumValues = (p: PropertySpec) => typeOf(p.$ref).enum?.map((e) => e.value);
const kind = (name: string) => KINDS.find((k) => k.name === name)!;

/** The request's top-level fields a caller must give, as zod decides (parsing `undefined` for each). */
function zodRequired(name: string): string[] {
  const shape = (kind(name).request as unknown as { shape: Record<string, z.ZodType> }).shape;
  return Object.keys(shape).filter((k) => !shape[k]!.safeParse(undefined).success);
}

describe("the package schema", () => {
  it("has one resource per kind and one per kind's batch, with the kind's token and a description", () => {
    expect(KINDS.map((k) => k.name).sort()).toEqual([...BUILTIN_KIND_NAMES].sort());
    const tokens = [
      "aigc:alibaba:AiImageJob",
      "aigc:alibaba:ProductionJob",
      "aigc:alibaba:Txt2ImgInferenceJob",
      "aigc:tencent:AigcSubject",
      "aigc:tencent:SceneAigcImageTask",
    ];
    expect(Object.keys(schema.resources).sort()).toEqual([...tokens, ...tokens.map((t) => `${t}Set`)].sort());
    for (const name of BUILTIN_KIND_NAMES) {
      expect(kindNameOf(resourceToken(name))).toBe(name);
      expect(resource(name).description.length).toBeGreaterThan(40);
    }
    expect(kindNameOf("pulumi-nodejs:dynamic:Resource")).toBeUndefined();
  });

  it("describes every input, output, nested field and config key", () => {
    const missing: string[] = [];
    for (const [token, r] of Object.entries(schema.resources)) {
      for (const [k, p] of Object.entries({ ...r.inputProperties, ...r.properties })) {
        if (!p.description) missing.push(`${token}.${k}`);
      }
    }
    for (const [token, t] of Object.entries(schema.types)) {
      for (const [k, p] of Object.entries(t.properties ?? {})) if (!p.description) missing.push(`${token}.${k}`);
    }
    for (const [k, p] of Object.entries(schema.config.variables)) if (!p.description) missing.push(`config ${k}`);
    expect(missing).toEqual([]);
  });

  it("takes the request's fields in camelCase, without the fields the provider owns", () => {
    expect(Object.keys(resource("alibaba:AiImageJob").inputProperties)).toEqual(
      expect.arrayContaining(["videoId", "aiTemplateId", "userData", "aiPipelineId", "adoptJobId"]),
    );
    for (const name of ["tencent:SceneAigcImageTask", "tencent:AigcSubject"]) {
      expect(resource(name).inputProperties).not.toHaveProperty("sessionId");
      expect(resource(name).inputProperties).toHaveProperty("sessionContext");
    }
    const inputs = resource("alibaba:Txt2ImgInferenceJob").inputProperties;
    expect(Object.keys(inputs)).toEqual([
      "modelId",
      "prompt",
      "imageNumber",
      "seed",
      ...Object.keys(COMMON_INPUTS),
      "adoptJobId",
    ]);
    expect(inputs.imageNumber).toMatchObject({ type: "integer" });
  });

  it("requires the fields zod requires, less those the stack config can fill", () => {
    for (const name of BUILTIN_KIND_NAMES) {
      const configured = Object.keys(kind(name).configuredFields ?? {});
      const expected = zodRequired(name).filter((w) => !configured.includes(w));
      expect(resource(name).requiredInputs.map((c) => c.toLowerCase())).toEqual(expected.map((w) => w.toLowerCase()));
    }
    expect(zodRequired("tencent:SceneAigcImageTask")).toContain("SubAppId");
    expect(resource("tencent:SceneAigcImageTask").requiredInputs).toEqual(["sceneInfo"]);
    expect(resource("tencent:SceneAigcImageTask").inputProperties.subAppId?.description).toContain(
      "aigc:tencentSubAppId",
    );
    const sceneInfo = typeOf(resource("tencent:SceneAigcImageTask").inputProperties.sceneInfo?.$ref);
    expect(sceneInfo.required).toEqual(["type"]);
    expect(typeOf(sceneInfo.properties?.aiTryOnConfig?.$ref).required).toEqual(["model"]);
  });

  it("has the request's enums, and the common inputs' own", () => {
    const sceneInfo = typeOf(resource("tencent:SceneAigcImageTask").inputProperties.sceneInfo?.$ref);
    expect(enumValues(sceneInfo.properties!.type!)).toEqual([...SCENE_TYPES, ...DEPRECATED_SCENE_TYPES]);
    expect(enumValues(resource("alibaba:ProductionJob").inputProperties.functionName!)).toEqual([
      ...IPRODUCTION_FUNCTIONS,
    ]);
    expect(enumValues(resource("alibaba:AiImageJob").inputProperties.onAmbiguousSubmission!)).toEqual([
      "fail",
      "resubmit",
    ]);
  });

  it("takes a JSON-string field as JSON text or as its structure, keys as the runtime maps them", () => {
    const images = resource("tencent:AigcSubject").inputProperties.elementImageList!;
    expect(images.oneOf?.[0]).toMatchObject({ type: "string" });
    const content = typeOf(images.oneOf?.[1]?.$ref);
    expect(Object.keys(content.properties ?? {})).toEqual(["frontal_image", "refer_images"]);
    const input = resource("alibaba:ProductionJob").inputProperties.input!;
    expect(typeOf(input.oneOf?.[1]?.$ref).required).toEqual(["type", "media"]);
  });

  it("marks secret outputs: always-secret ones in the schema, argument-dependent ones in their description", () => {
    for (const name of BUILTIN_KIND_NAMES) {
      const specs: Record<string, OutputSpec<unknown>> = { ...kind(name).outputs, ...COMMON_OUTPUTS };
      for (const [k, spec] of Object.entries(specs)) {
        const prop = resource(name).properties[k]!;
        expect(prop.secret === true, `${name}.${k}`).toBe(spec.secret === true);
        if (typeof spec.secret === "function") expect(prop.description).toMatch(/secret/i);
      }
    }
    expect(resource("alibaba:ProductionJob").properties.outputUrls?.secret).toBe(true);
    expect(resource("tencent:SceneAigcImageTask").properties.resultUrls).toMatchObject({
      type: "array",
      items: { type: "string" },
    });
  });

  it("replaces on a change of exactly the inputs whose change diff() replaces on (a new paid job)", () => {
    for (const name of BUILTIN_KIND_NAMES) {
      for (const [k, prop] of Object.entries(resource(name).inputProperties)) {
        const diff = diffStored(storeInputs({ [k]: "before" }), { [k]: "after" });
        expect(diff.changes, `${name}.${k}`).toBe(true);
        expect(prop.replaceOnChanges === true, `${name}.${k}`).toBe(diff.replaces.includes(k));
      }
    }
    const task = resource("tencent:SceneAigcImageTask").inputProperties;
    expect(task.sceneInfo?.replaceOnChanges).toBe(true);
    expect(task.resubmitToken?.replaceOnChanges).toBe(true);
    expect(task.waitTimeoutSeconds?.replaceOnChanges).toBeUndefined();
  });

  it("configures the provider with today's aigc:* keys, credentials and the ledger secret", () => {
    const keys = Object.values(CONFIG_KEYS).map((k) => k.replace(/^aigc:/, ""));
    expect(Object.keys(schema.config.variables)).toEqual(keys);
    expect(schema.provider.inputProperties).toEqual(schema.config.variables);
    const secret = Object.entries(schema.config.variables)
      .filter(([, p]) => p.secret)
      .map(([k]) => k);
    expect(secret.sort()).toEqual(
      [
        "tencentSecretId",
        "tencentSecretKey",
        "tencentSessionToken",
        "alibabaAccessKeyId",
        "alibabaAccessKeySecret",
        "alibabaSecurityToken",
        "ledger",
      ].sort(),
    );
    expect(schema.config.variables.maxSubmissionsPerUpdate?.type).toBe("integer");
  });

  it("derives a resource from any kind's declaration (a kind declared outside the package)", () => {
    const types = new SchemaTypes("aigc");
    const r = resourceSchema(toyProductShotKind, types);
    expect(r.requiredInputs).toEqual(["prompt"]);
    expect(Object.keys(r.inputProperties)).toEqual(
      expect.arrayContaining(["prompt", "count", "adoptTaskId", "resubmitToken"]),
    );
    expect(r.inputProperties).not.toHaveProperty("sessionId");
    expect(r.properties.imageUrls?.secret).toBe(true);
  });
});

import type { CreateSceneAigcImageTaskRequest } from "./actions/create-scene-aigc-image-task";
import { DEPRECATED_SCENE_TYPES } from "./models";

/** Output settings the page documents for some scene types only. */
const OUTPUT_FIELDS_FOR: ReadonlyArray<readonly [field: string, types: readonly string[]]> = [
  ["Resolution", ["ai_try_on"]],
  ["AspectRatio", ["product_image", "outpainting"]],
  ["ImageWidth", ["outpainting"]],
  ["ImageHeight", ["outpainting"]],
];

/** The scene configuration each Type reads. */
const CONFIG_FOR: ReadonlyArray<readonly [field: string, types: readonly string[]]> = [
  ["AiTryOnConfig", ["ai_try_on"]],
  ["ProductImageConfig", ["product_image"]],
  ["ChangeClothesConfig", DEPRECATED_SCENE_TYPES],
];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";

/**
 * What Tencent will do differently from what a valid CreateSceneAigcImageTask request literally says, as
 * sentences for a preview warning: settings documented for other scene types (they have no effect on this
 * one), a deprecated scene type, an OutputImageCount of 0 (the default, 1 image). Empty when the request is
 * taken as written. Pure: reads the request only, never calls the vendor; tolerates partial requests.
 */
export function createSceneAigcImageTaskAdjustments(req: Partial<CreateSceneAigcImageTaskRequest>): string[] {
  const out: string[] = [];
  const scene = isObject(req.SceneInfo) ? (req.SceneInfo as Record<string, unknown>) : {};
  const type = typeof scene.Type === "string" ? scene.Type : undefined;
  if (!type) return out;
  if ((DEPRECATED_SCENE_TYPES as readonly string[]).includes(type)) {
    out.push(`SceneInfo.Type ${type} is deprecated and no longer maintained by Tencent; ai_try_on replaces it.`);
  }
  for (const [field, types] of CONFIG_FOR) {
    if (scene[field] !== undefined && !types.includes(type)) {
      out.push(`SceneInfo.${field} is read only for Type ${types.join(" or ")}; Type ${type} ignores it.`);
    }
  }
  const output = isObject(req.OutputConfig) ? (req.OutputConfig as Record<string, unknown>) : {};
  for (const [field, types] of OUTPUT_FIELDS_FOR) {
    if (output[field] !== undefined && !types.includes(type)) {
      out.push(`OutputConfig.${field} applies only to Type ${types.join(" or ")}; it has no effect for ${type}.`);
    }
  }
  const product = isObject(scene.ProductImageConfig) ? (scene.ProductImageConfig as Record<string, unknown>) : {};
  if (type === "product_image" && product.OutputImageCount === 0) {
    out.push("SceneInfo.ProductImageConfig.OutputImageCount 0 means the default: Tencent generates 1 image.");
  }
  return out;
}

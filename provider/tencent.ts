// Tencent Cloud VOD resources: `import { tencent } from "pulumi-aigc"`.
// The classes are built from the kinds' surfaces: a program never loads the request schemas or the hooks.
import { batchResource } from "./batch/batch-resource";
import { jobResource } from "./job-resource";
import type { aigcSubjectKind } from "./kinds/aigc-subject/kind";
import { aigcSubjectSurface } from "./kinds/aigc-subject/surface";
import type { sceneAigcImageTaskKind } from "./kinds/scene-aigc-image-task/kind";
import { sceneAigcImageTaskSurface } from "./kinds/scene-aigc-image-task/surface";

/**
 * A Tencent VOD advanced custom AIGC subject (a reusable character or object). `pulumi up` creates it once and
 * waits for its element id; `pulumi destroy` deletes the element at the vendor.
 */
export const AigcSubject = jobResource<typeof aigcSubjectKind>(aigcSubjectSurface);
export type AigcSubject = InstanceType<typeof AigcSubject>;
/** Arguments of {@link AigcSubject}: CreateAigcAdvancedCustomElement's fields in camelCase, plus the common ones. */
export type AigcSubjectArgs = ConstructorParameters<typeof AigcSubject>[1];

/**
 * A Tencent VOD scene AIGC image job (virtual try-on, product image, outpainting): submitted once, waited for,
 * its result URLs exposed (secret unless stored permanently).
 */
export const SceneAigcImageTask = jobResource<typeof sceneAigcImageTaskKind>(sceneAigcImageTaskSurface);
export type SceneAigcImageTask = InstanceType<typeof SceneAigcImageTask>;
/** Arguments of {@link SceneAigcImageTask}: CreateSceneAigcImageTask's fields in camelCase, plus the common ones. */
export type SceneAigcImageTaskArgs = ConstructorParameters<typeof SceneAigcImageTask>[1];

/**
 * Many scene AIGC image jobs in one resource, keyed by your own ids (a SKU, a video id): each item is submitted
 * once with its own ledger scope, all are waited for together, and a changed item is replaced alone
 * (docs/batches.md).
 */
export const SceneAigcImageTaskSet = batchResource<typeof sceneAigcImageTaskKind>(sceneAigcImageTaskSurface);
export type SceneAigcImageTaskSet = InstanceType<typeof SceneAigcImageTaskSet>;
/** Arguments of {@link SceneAigcImageTaskSet}: `items` of SceneAigcImageTask args, plus the batch-level inputs. */
export type SceneAigcImageTaskSetArgs = ConstructorParameters<typeof SceneAigcImageTaskSet>[1];

/** Many AIGC subjects in one resource, keyed by your own ids; each item is its own subject (docs/batches.md). */
export const AigcSubjectSet = batchResource<typeof aigcSubjectKind>(aigcSubjectSurface);
export type AigcSubjectSet = InstanceType<typeof AigcSubjectSet>;
/** Arguments of {@link AigcSubjectSet}: `items` of AigcSubject args, plus the batch-level inputs. */
export type AigcSubjectSetArgs = ConstructorParameters<typeof AigcSubjectSet>[1];

// Tencent Cloud VOD resources: `import { tencent } from "pulumi-aigc"`.
import { jobResource } from "./job-resource";
import { aigcSubjectKind } from "./kinds/aigc-subject";
import { sceneAigcImageTaskKind } from "./kinds/scene-aigc-image-task";

/**
 * A Tencent VOD advanced custom AIGC subject (a reusable character or object). `pulumi up` creates it once and
 * waits for its element id; `pulumi destroy` deletes the element at the vendor.
 */
export const AigcSubject = jobResource(aigcSubjectKind);
export type AigcSubject = InstanceType<typeof AigcSubject>;
/** Arguments of {@link AigcSubject}: CreateAigcAdvancedCustomElement's fields in camelCase, plus the common ones. */
export type AigcSubjectArgs = ConstructorParameters<typeof AigcSubject>[1];

/**
 * A Tencent VOD scene AIGC image job (virtual try-on, product image, outpainting): submitted once, waited for,
 * its result URLs exposed (secret unless stored permanently).
 */
export const SceneAigcImageTask = jobResource(sceneAigcImageTaskKind);
export type SceneAigcImageTask = InstanceType<typeof SceneAigcImageTask>;
/** Arguments of {@link SceneAigcImageTask}: CreateSceneAigcImageTask's fields in camelCase, plus the common ones. */
export type SceneAigcImageTaskArgs = ConstructorParameters<typeof SceneAigcImageTask>[1];

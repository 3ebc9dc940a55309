import type * as pulumi from "@pulumi/pulumi";
import type { CreateAigcAdvancedCustomElementRequest } from "../../../sdk";
import { dynamicProvider } from "../../dynamic-provider";
import { type ArgsOf, jobProps, JobResource, type JobResourceArgs } from "../job-resource";

/**
 * Arguments: CreateAigcAdvancedCustomElement's fields in camelCase. `elementImageList`,
 * `elementVideoList` and `tagList` take structured values (snake_case keys, as Tencent defines them) or
 * their JSON text.
 */
export type AigcSubjectArgs = ArgsOf<CreateAigcAdvancedCustomElementRequest> &
  JobResourceArgs & {
    /** Adopt the element created by an existing task. */
    adoptTaskId?: pulumi.Input<string>;
    /** Adopt an existing element by its ElementId. */
    adoptElementId?: pulumi.Input<string>;
  };

const provider = dynamicProvider("tencent:AigcSubject");
const OUTPUTS = ["taskId", "elementId", "elementInfo", "createTime", "finishTime"] as const;

/**
 * A Tencent VOD advanced custom AIGC subject (a reusable character or object). `pulumi up` creates it
 * once and waits for its element id; `pulumi destroy` deletes the element at the vendor; refresh drops it
 * from the stack when the element was deleted elsewhere.
 */
export class AigcSubject extends JobResource {
  /** The creating TaskId (the resource id; `element/<id>` when adopted by element id). */
  declare readonly taskId: pulumi.Output<string>;
  /** The subject's ElementId, usable by later AIGC jobs. */
  declare readonly elementId: pulumi.Output<string>;
  /** Tencent's ElementInfo (element_id, element_name, status...). */
  declare readonly elementInfo: pulumi.Output<Record<string, unknown>>;
  declare readonly createTime: pulumi.Output<string>;
  declare readonly finishTime: pulumi.Output<string>;

  constructor(name: string, args: AigcSubjectArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, jobProps("tencent:AigcSubject", name, args, OUTPUTS), opts, "tencent", "AigcSubject");
  }
}

/**
 * pulumi-aigc: Pulumi dynamic resources for paid AI media jobs. `pulumi preview` validates what would be
 * submitted without spending anything; `pulumi up` submits each job exactly once, waits for it, and
 * exposes its ids and result URLs as outputs.
 *
 *   import { tencent, alibaba } from "pulumi-aigc";
 */
export * as alibaba from "./alibaba";
export type { Camelize, CamelKey, DeepInput } from "./casing";
export {
  type AnyJobKind,
  type CommonArgs,
  COMMON_INPUTS,
  COMMON_OUTPUTS,
  defineJobKind,
  type JobArgs,
  type JobContext,
  type JobKind,
  type JobOutputs,
  type JobView,
  output,
  type OutputSpec,
  type Recovery,
} from "./job-kind";
export { jobResource, type JobResourceClass, type JobResourceOutputs } from "./job-resource";
export * as tencent from "./tencent";

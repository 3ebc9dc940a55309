/**
 * pulumi-aigc: Pulumi dynamic resources for paid AI media jobs. `pulumi preview` validates what would be
 * submitted without spending anything; `pulumi up` submits each job exactly once, waits for it, and
 * exposes its ids and result URLs as outputs.
 *
 *   import { tencent, alibaba } from "pulumi-aigc";
 */
export * as alibaba from "./alibaba";
export {
  type BatchArgs,
  type BatchCounts,
  type BatchItemArgs,
  type BatchItemOutputs,
  type BatchResourceClass,
  type BatchResourceOutputs,
  batchResource,
} from "./batch/batch-resource";
export type { Camelize, CamelKey, DeepInput } from "./casing";
export {
  type AnyJobKind,
  COMMON_INPUTS,
  COMMON_OUTPUTS,
  type CommonArgs,
  defineJobKind,
  type JobArgs,
  type JobContext,
  type JobKind,
  type JobOutputs,
  type JobView,
  type OutputSpec,
  output,
  type Recovery,
} from "./job-kind";
export { type JobResourceClass, type JobResourceOutputs, jobResource } from "./job-resource";
export * as tencent from "./tencent";

/**
 * pulumi-aigc: Pulumi dynamic resources for paid AI media jobs. `pulumi preview` validates what would be
 * submitted without spending anything; `pulumi up` submits each job exactly once, waits for it, and
 * exposes its ids and result URLs as outputs.
 *
 *   import { tencent, alibaba } from "pulumi-aigc";
 */
export * as tencent from "./tencent";
export * as alibaba from "./alibaba";
export type { JobResourceArgs } from "./resources/job-resource";
export type { Camelize, CamelKey, DeepInput } from "./casing";

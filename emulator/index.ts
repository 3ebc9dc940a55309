/**
 * pulumi-aigc/emulator: a local HTTP server that speaks the Tencent VOD and Alibaba VOD / ICE / aicontent
 * protocols (signatures verified, async job lifecycles, throttling, fault injection), so pipelines and
 * tests run without cloud accounts or cost.
 */

export type { AdminJob, AdminJobOutput } from "./admin-jobs";
export {
  type AcceptedCredentials,
  acceptedCredentials,
  DEMO_CREDENTIALS,
  EmulatorConfig,
  type EmulatorConfigInput,
  FaultConfig,
} from "./config";
export { type RunningEmulator, type StartEmulatorOptions, startEmulator } from "./server";
export type { EmulatorStats } from "./stats";

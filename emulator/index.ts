/**
 * pulumi-aigc/emulator: a local HTTP server that speaks the Tencent VOD and Alibaba VOD / ICE / aicontent
 * protocols (signatures verified, async job lifecycles, throttling, fault injection), so pipelines and
 * tests run without cloud accounts or cost.
 */
export { startEmulator, type RunningEmulator, type StartEmulatorOptions } from "./server";
export {
  EmulatorConfig,
  FaultConfig,
  DEMO_CREDENTIALS,
  acceptedCredentials,
  type AcceptedCredentials,
  type EmulatorConfigInput,
} from "./config";
export type { EmulatorStats } from "./stats";
export type { AdminJob, AdminJobOutput } from "./admin-jobs";

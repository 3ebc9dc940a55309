// The harness shared by the end-to-end tests (test/e2e) and the benchmarks and drills (bench/): the real
// Pulumi CLI on a throwaway file backend, the emulator in a child process, the all-kinds stack wired to an
// emulator, the audit of a stack against the vendor's jobs, and the fault drills. Its Pulumi programs are in
// programs/ and are run from dist/harness/programs/. Neither test/ nor bench/ imports the other; both import
// this module (test/unit/repo/layering.test.ts checks it).
export { createAigcStack, type EmulatorEndpoint, ONE_EACH, setOverrides, submissions } from "./aigc-stack";
export { batchSigkillDrill } from "./batch-drill";
export {
  type DrillResult,
  emulatorRestartDrill,
  type Face,
  faultDrill,
  sharedBackendDrill,
  sigkillDrill,
  spendCap,
  teamDrill,
} from "./drills";
export { type EmulatorProcess, spawnEmulator } from "./emulator-process";
export {
  findPostgresBinaries,
  type PostgresServer,
  startPostgres,
} from "./postgres-server";
export {
  backendFilesText,
  backendText,
  cliBinDir,
  createTestStack,
  failureText,
  killRunner,
  ledgerIntents,
  pulumiCommand,
  repoRoot,
  runnerProcesses,
  type TestStack,
  type TestStackOptions,
} from "./pulumi-workspace";
export { pythonProgramEnv, writePythonProject } from "./python-project";
export { type Audit, auditStack, jobsPerKind } from "./stack-audit";
export {
  writeYamlJobProject,
  writeYamlProject,
  type YamlProjectOptions,
  yamlHostBinDir,
  yamlHostEnv,
} from "./yaml-project";

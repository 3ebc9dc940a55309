import { defineConfig } from "vitest/config";
import { DurationSequencer } from "./test/support/duration-sequencer";

// Four suites: fast unit tests, conformance against official vendor SDKs, integration of our sdk with the
// emulator over HTTP, and end-to-end tests that drive the real Pulumi CLI.
//
// On 2 cores vitest's default is one worker (cores - 1). The first three suites get four: their files wait on
// servers, ports and child processes as much as they compute (137 s with two workers, 73 s with four, the same
// CPU seconds). Then the e2e files run in a group of their own, three at a time. An e2e file is mostly CLI
// processes, and each also waits (for jobs, npm, a browser): a third file fills those waits (a fourth was slower:
// 9 min 8 s against 8 min 39 s). Each file owns what it touches: its emulator on a free port, its stacks (a
// project dir, PULUMI_HOME and file backend made with mkdtemp), its PostgreSQL server.
export default defineConfig({
  test: {
    maxWorkers: 4,
    // Each project's longest files first, from test/durations.json (a clean clone has no vitest cache).
    sequence: { sequencer: DurationSequencer },
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "conformance",
          include: ["test/conformance/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          sequence: { groupOrder: 1 },
          maxWorkers: 3,
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});

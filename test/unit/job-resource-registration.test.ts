// The resource classes register with short stack traces (provider/job-resource.ts): what a transformation sees
// while Pulumi registers the resource, and what is left afterwards. Pulumi's mocks stand in for the engine here
// only to run the constructor; the source position it records is checked end to end (test/e2e/provider.test.ts).
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { SceneAigcImageTask, type SceneAigcImageTaskArgs } from "../../provider/tencent";

/** Arguments are not validated in the program (check does that, in the provider): any will do here. */
const ARGS = { subAppId: 1 } as SceneAigcImageTaskArgs;

/** The stack-trace limit in force while Pulumi runs the resource's transformations (inside registration). */
function limitDuringRegistration(name: string): number {
  let seen = Number.NaN;
  new SceneAigcImageTask(name, ARGS, {
    transformations: [
      () => {
        seen = Error.stackTraceLimit;
        return undefined;
      },
    ],
  });
  return seen;
}

describe("registration of a job resource", () => {
  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
        call: () => ({}),
      },
      "project",
      "stack",
      true,
    );
  });
  afterEach(() => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  });

  it("captures no stack frames while Pulumi registers it, and restores the limit afterwards", () => {
    const before = Error.stackTraceLimit;
    expect(before).toBeGreaterThan(0);
    expect(limitDuringRegistration("short-traces")).toBe(0);
    expect(Error.stackTraceLimit).toBe(before);
  });

  it("keeps the full limit when Pulumi's promise-leak debugging is on", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    expect(limitDuringRegistration("leak-debugging")).toBe(Error.stackTraceLimit);
  });

  it("restores the limit when registration throws", () => {
    const before = Error.stackTraceLimit;
    expect(
      () =>
        new SceneAigcImageTask("throws", ARGS, {
          transformations: [
            () => {
              throw new Error("a transformation failed");
            },
          ],
        }),
    ).toThrow("a transformation failed");
    expect(Error.stackTraceLimit).toBe(before);
  });

  it("refuses a second resource of the program with the same idempotencyScope, naming both and the scope", () => {
    const shared = { ...ARGS, idempotencyScope: "team/one-scope" } as SceneAigcImageTaskArgs;
    new SceneAigcImageTask("first", shared);
    expect(() => new SceneAigcImageTask("second", shared)).toThrow(
      /SceneAigcImageTask\/second and tencent:SceneAigcImageTask\/first have the same idempotencyScope "team\/one/,
    );
  });
});

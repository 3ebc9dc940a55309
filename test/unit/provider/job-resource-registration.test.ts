// The resource classes register with short stack traces (provider/job-resource.ts): what a transformation sees
// while Pulumi registers the resource, and what is left afterwards. Pulumi's mocks stand in for the engine here
// only to run the constructor; the source position it records is checked end to end (test/e2e/provider.test.ts).
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { SceneAigcImageTask, type SceneAigcImageTaskArgs, SceneAigcImageTaskSet } from "../../../provider/tencent";

/** Arguments are not validated in the program (check does that, in the provider): any will do here. */
/** The inputs of every resource the mocks registered. */
const registered: Array<{ name: string; inputs: Record<string, unknown> }> = [];
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
        newResource: (args) => {
          registered.push({ name: args.name, inputs: args.inputs });
          return { id: `${args.name}-id`, state: args.inputs };
        },
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

  // review2 hole 6: a per-job resource whose explicit idempotencyScope is a batch item's (`<batch scope>/<key>`)
  // would share the item's job. The batch declares each item's scope, so the program refuses it, naming both.
  it("refuses a resource whose idempotencyScope is a batch item's, naming the item", () => {
    new SceneAigcImageTaskSet("cat", { items: { a: ARGS }, idempotencyScope: "team/cat" });
    const solo = { ...ARGS, idempotencyScope: "team/cat/a" } as SceneAigcImageTaskArgs;
    expect(() => new SceneAigcImageTask("solo", solo)).toThrow(
      /SceneAigcImageTask\/solo and tencent:SceneAigcImageTaskSet\/cat items\["a"\] have the same idempotencyScope/,
    );
  });

  // Review (issue 19, 2d): the program tells resources apart by `<type>/<name>`, not by URN. Two resources of one
  // name under components of different types have different URNs, the same default scope and the same holder: the
  // scope check lets them through, and the second resumes the first's job (and either's delete deletes its
  // element). Reproduced; the fix (scope and holder from the URN's parent chain, or a refusal) is the lead's call.
  it("a resource under a component names its parents' types in its holder, as its URN does", async () => {
    const outer = new pulumi.ComponentResource("fixture:index:Outer", "outer");
    const inner = new pulumi.ComponentResource("fixture:index:Inner", "inner", {}, { parent: outer });
    new SceneAigcImageTask("nested", { ...ARGS, idempotencyScope: "x/nested" }, { parent: inner });
    new SceneAigcImageTask("top", { ...ARGS, idempotencyScope: "x/top" });
    await new Promise((r) => setTimeout(r, 100));
    const holderOf = (name: string) => registered.find((r) => r.name === name)?.inputs.__holder;
    expect(holderOf("nested")).toMatch(
      /\|fixture:index:Outer\$fixture:index:Inner\$tencent:SceneAigcImageTask\/nested$/,
    );
    expect(holderOf("top")).toMatch(/\|project\/stack\|tencent:SceneAigcImageTask\/top$/);
  });

  it("two resources of one name under different components get different scopes, or are refused", async () => {
    const a = new pulumi.ComponentResource("fixture:index:GroupA", "a");
    const b = new pulumi.ComponentResource("fixture:index:GroupB", "b");
    new SceneAigcImageTask("twin", ARGS, { parent: a });
    let refused = false;
    try {
      new SceneAigcImageTask("twin", ARGS, { parent: b });
    } catch {
      refused = true;
    }
    await new Promise((r) => setTimeout(r, 100));
    const scopes = registered.filter((r) => r.name === "twin").map((r) => r.inputs.idempotencyScope);
    const holders = registered.filter((r) => r.name === "twin").map((r) => r.inputs.__holder);
    expect(refused || (scopes[0] !== scopes[1] && holders[0] !== holders[1])).toBe(true);
  });
});

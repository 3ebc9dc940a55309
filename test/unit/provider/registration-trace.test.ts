// The stack trace a job resource's registration sends to the engine ends at the declaring frame
// (provider/registration-trace.ts); the end-to-end check of the stored state is test/e2e/provider.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { cutTracesAfterDeclaration } from "../../../provider/registration-trace";

const framesOf = (stack: string | undefined) => (stack ?? "").split("\n").filter((l) => l.startsWith("    at "));

function declare(): string | undefined {
  return new Error("declared").stack;
}

afterEach(() => {
  delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
});

describe("stack traces during a job resource's registration", () => {
  it("end at the first frame outside Pulumi and this package, formatted as before; restored afterwards", () => {
    const full = framesOf(declare());
    expect(full.length).toBeGreaterThan(3);
    const restore = cutTracesAfterDeclaration();
    let cut: string[];
    try {
      cut = framesOf(declare());
    } finally {
      restore();
    }
    // The declaring frame (this test file's `declare`), exactly as the full trace formats it, and nothing below.
    expect(cut).toEqual([full[0]]);
    expect(cut[0]).toMatch(/registration-trace\.test\.ts:\d+:\d+/);
    expect(framesOf(declare())).toHaveLength(full.length);
  });

  it("are left whole under PULUMI_DEBUG_PROMISE_LEAKS", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    const restore = cutTracesAfterDeclaration();
    try {
      expect(framesOf(declare()).length).toBeGreaterThan(3);
    } finally {
      restore();
    }
  });
});

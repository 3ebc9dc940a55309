// The fault drills of `npm run drill`, with small stacks: exactly-once under injected faults, an emulator
// restart and a SIGKILLed `pulumi up`. Figures for 50 jobs are in bench/results/drill.json.
import { describe, expect, it } from "vitest";
import { emulatorRestartDrill, faultDrill, sigkillDrill } from "../../harness";

const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
const tencent = (m: Record<string, number>) =>
  total(Object.fromEntries(Object.entries(m).filter(([k]) => k.startsWith("tencent:"))));

describe("fault drills", () => {
  const tenMixed =
    "10 mixed jobs under 5xx, throttling, resets and slow answers: complete, Tencent exactly once, nothing lost";
  it(tenMixed, async () => {
    const r = await faultDrill(10);
    expect(r.completed).toBe(true);
    expect(total(r.faultsInjected)).toBeGreaterThan(0);
    expect(tencent(r.audit.duplicates)).toBe(0);
    // Alibaba duplicates can only come from ambiguous submits the provider reported and resubmitted.
    expect(total(r.audit.duplicates)).toBeLessThanOrEqual(total(r.audit.reportedAmbiguous));
    expect(r.audit.resourcesWithoutJob + r.audit.missingResources).toBe(0);
  });

  it("the vendor killed and restarted mid-update: the update completes with no duplicate", async () => {
    const r = await emulatorRestartDrill(10);
    expect(r.completed).toBe(true);
    expect(total(r.audit.duplicates)).toBeLessThanOrEqual(total(r.audit.reportedAmbiguous));
    expect(tencent(r.audit.duplicates)).toBe(0);
    expect(r.audit.resourcesWithoutJob + r.audit.missingResources).toBe(0);
  });

  it("pulumi up SIGKILLed with every job submitted: cancel and up recover them all, none twice", async () => {
    const r = await sigkillDrill(10, "all submitted");
    expect(r.completed).toBe(true);
    expect(total(r.audit.duplicates)).toBe(0);
    expect(r.audit.resourcesWithoutJob + r.audit.missingResources).toBe(0);
  });
});

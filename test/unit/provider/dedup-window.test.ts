// The dedup-window decision (provider/runtime/dedup-window.ts): an unresolved attempt is retried under the same
// vendor key only while the vendor still remembers the key, measured from the intent's first attempt.
import { describe, expect, it } from "vitest";
import { aigcSubjectKind } from "../../../provider/kinds/aigc-subject/kind";
import { sceneAigcImageTaskKind } from "../../../provider/kinds/scene-aigc-image-task/kind";
import {
  DEDUP_WINDOW_MARGIN_MS,
  firstAttemptMs,
  refusedRepeatSince,
  vendorStillDedups,
} from "../../../provider/runtime/dedup-window";
import { SESSION_ID_DEDUP_WINDOW_MS } from "../../../sdk";

const DAY = 86_400_000;
const t0 = Date.parse("2026-03-01T00:00:00.000Z");
const intent = (createdAt: number, submittedAt?: number) => ({
  key: "k-1",
  createdAt: new Date(createdAt).toISOString(),
  submittedAt: submittedAt === undefined ? undefined : new Date(submittedAt).toISOString(),
});

describe("the vendor dedup window", () => {
  it("Tencent's window is the three days of the Create APIs' request pages, and both Tencent kinds declare it", () => {
    expect(SESSION_ID_DEDUP_WINDOW_MS).toBe(3 * DAY);
    expect(sceneAigcImageTaskKind.dedupWindowMs).toBe(SESSION_ID_DEDUP_WINDOW_MS);
    expect(aigcSubjectKind.dedupWindowMs).toBe(SESSION_ID_DEDUP_WINDOW_MS);
  });

  it("a key is relied on until the window less the margin, measured from the first attempt, never after", () => {
    const kind = sceneAigcImageTaskKind;
    const edge = t0 + SESSION_ID_DEDUP_WINDOW_MS - DEDUP_WINDOW_MARGIN_MS;
    expect(vendorStillDedups(kind, intent(t0), t0 + 60_000).holds).toBe(true);
    expect(vendorStillDedups(kind, intent(t0), edge - 1).holds).toBe(true);
    expect(vendorStillDedups(kind, intent(t0), edge).holds).toBe(false);
    // A later attempt does not renew the vendor's memory: the first one counts.
    expect(vendorStillDedups(kind, intent(t0, edge - 60_000), edge + 1).holds).toBe(false);
    const late = vendorStillDedups(kind, intent(t0), t0 + 4 * DAY);
    expect(late.holds).toBe(false);
    if (!late.holds) {
      expect(late.why).toContain("4 d 0 h ago");
      expect(late.why).toContain("3 d 0 h");
      expect(late.why).toContain("k-1");
    }
  });

  it("the margin keeps a safety day: Tencent keys are relied on for two days", () => {
    expect(SESSION_ID_DEDUP_WINDOW_MS - DEDUP_WINDOW_MARGIN_MS).toBe(2 * DAY);
  });

  it("a kind without a vendor key never relies on one; a deduplicating kind without a window always does", () => {
    const none = { name: "alibaba:X" as const, dedupedByVendor: false, dedupWindowMs: undefined };
    expect(vendorStillDedups(none, intent(t0), t0).holds).toBe(false);
    const forever = { name: "toy:Y" as const, dedupedByVendor: true, dedupWindowMs: undefined };
    expect(vendorStillDedups(forever, intent(t0), t0 + 365 * DAY).holds).toBe(true);
  });

  it("the first attempt is the earliest time the intent shows; an unreadable one counts as the oldest", () => {
    expect(firstAttemptMs(intent(t0, t0 + DAY))).toBe(t0);
    expect(firstAttemptMs(intent(t0 + DAY, t0))).toBe(t0);
    expect(firstAttemptMs({ createdAt: "not a date" })).toBe(0);
    expect(vendorStillDedups(sceneAigcImageTaskKind, { key: "k", createdAt: "??" }, t0).holds).toBe(false);
  });

  it("a refused repeat is looked for as far back as the vendor remembers keys before the intent", () => {
    expect(refusedRepeatSince(sceneAigcImageTaskKind, intent(t0)).getTime()).toBe(t0 - 3 * DAY);
  });
});

// The batch's rules that need no vendor: preview validation per item, item-level diffs and their one-line summary,
// lean item records (and their bytes), shared placements, the bounded pool and the batch's progress line.
import { describe, expect, it } from "vitest";
import { checkBatch, MAX_LISTED_FAILURES } from "../../../../provider/batch/batch-check";
import { diffBatch, planItems, planSummary } from "../../../../provider/batch/batch-diff";
import {
  createdPlacement,
  ITEM_DIGEST,
  itemDigest,
  leanRecord,
  packPlacements,
  storedItemProps,
} from "../../../../provider/batch/batch-items";
import { BatchProgress, forEachBounded } from "../../../../provider/batch/batch-pool";
import { sceneAigcImageTaskKind as scene } from "../../../../provider/kinds/scene-aigc-image-task/kind";
import { outputsOf } from "../../../../provider/runtime/lifecycle/job-outputs";
import { JOB_PLACEMENT } from "../../../../provider/runtime/placement";
import { storeKindInputs } from "../../../../provider/runtime/stored-inputs";
import { UNKNOWN } from "../../../../provider/runtime/unknowns";

const item = (prompt: string, extra: Record<string, unknown> = {}) => ({
  subAppId: 251007502,
  sceneInfo: { type: "product_image", productImageConfig: { prompt } },
  fileInfos: [{ type: "Url", url: "https://assets.example.com/p.png" }],
  outputConfig: { storageMode: "Permanent" },
  ...extra,
});
const batch = (items: unknown, extra: Record<string, unknown> = {}) => ({
  idempotencyScope: "p/s/tencent:SceneAigcImageTaskSet/catalog",
  __holder: "s-x|p/s|tencent:SceneAigcImageTaskSet/catalog",
  items,
  ...extra,
});

describe("preview validation of a batch", () => {
  it("names the item and the property of each failure", () => {
    const { failures } = checkBatch(
      scene,
      batch({ ok: item("mug"), "sku-42": item("mug", { sceneInfo: { type: "nope" } }) }),
    );
    expect(failures.map((f) => f.property)).toEqual(['items["sku-42"].sceneInfo.type']);
  });

  it("refuses batch-level inputs on an item, a map that is not one, and caps the list", () => {
    const perItem = checkBatch(scene, batch({ a: item("mug", { waitTimeoutSeconds: 5 }) }));
    expect(perItem.failures).toEqual([
      { property: 'items["a"].waitTimeoutSeconds', reason: "is set on the batch, not per item" },
    ]);
    expect(checkBatch(scene, batch(["a"])).failures[0]?.property).toBe("items");
    const many = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`k${i}`, item("x", { sceneInfo: { type: "no" } })]),
    );
    const capped = checkBatch(scene, batch(many)).failures;
    expect(capped).toHaveLength(MAX_LISTED_FAILURES + 1);
    expect(capped.at(-1)?.reason).toMatch(/30 more failure/);
  });

  it("reports a batch-level input's failure once, under its own name; skips unknown items", () => {
    const { failures } = checkBatch(scene, batch({ a: item("a"), b: item("b") }, { waitTimeoutSeconds: 0 }));
    expect(failures.map((f) => f.property)).toEqual(["waitTimeoutSeconds"]);
    expect(checkBatch(scene, batch(UNKNOWN)).failures).toEqual([]);
    expect(checkBatch(scene, batch({ a: UNKNOWN })).failures).toEqual([]);
  });
});

describe("item-level diffs", () => {
  const rec = (prompt: string) => ({ taskId: `t-${prompt}`, progress: 100, [ITEM_DIGEST]: itemDigest(item(prompt)) });
  const olds = batch({ a: rec("a"), b: rec("b"), c: rec("c") });

  it("adds, replaces, releases and leaves alone per item, in one line; the batch is never replaced", () => {
    const news = batch({ a: item("a"), b: item("b2"), d: item("d") });
    const plan = planItems(scene, olds, news);
    expect(plan).toEqual({ added: ["d"], replaced: ["b"], removed: ["c"], unchanged: ["a"] });
    expect(planSummary(plan)).toBe("+1 item, ~1 replaced, -1 released (1 unchanged)");
    const d = diffBatch(scene, olds, news);
    expect(d.changes).toBe(true);
    expect(d.replaces).toEqual([]);
  });

  it("no change: no update; an item with an unknown value counts as replaced; unknown items, one line", () => {
    expect(diffBatch(scene, olds, batch({ a: item("a"), b: item("b"), c: item("c") })).changes).toBe(false);
    const unknown = planItems(scene, olds, batch({ a: item(UNKNOWN), b: item("b"), c: item("c") }));
    expect(unknown?.replaced).toEqual(["a"]);
    expect(planItems(scene, olds, batch(UNKNOWN))).toBeUndefined();
    expect(diffBatch(scene, olds, batch(UNKNOWN)).changes).toBe(true);
  });

  it("an item an earlier run could not submit is added again", () => {
    const notSent = batch({ a: { status: "NOT_SUBMITTED", errorMessage: "spend guard" } });
    expect(planItems(scene, notSent, batch({ a: item("a") }))?.added).toEqual(["a"]);
  });
});

describe("lean item records", () => {
  const inputs = { ...item("red mug"), idempotencyScope: "p/s/tencent:SceneAigcImageTaskSet/catalog/sku-1" };
  const view = {
    jobId: "251007502-AigcImage-0123456789abcdef0123456789abcdef",
    status: "FINISH",
    done: true,
    outputs: {
      taskId: "251007502-AigcImage-0123456789abcdef0123456789abcdef",
      outputFiles: [
        { storageMode: "Permanent", fileUrl: "https://vod.example.com/a.png", fileId: "5285890812345678901" },
      ],
      resultUrls: ["https://vod.example.com/a.png"],
      fileIds: ["5285890812345678901"],
      createTime: "2026-12-07T00:00:00Z",
      finishTime: "2026-12-07T00:00:03Z",
    },
  };
  const outs = outputsOf(scene, storeKindInputs(scene, inputs), view, "pa-0123456789012345678901234567890123456789", 0);

  it("keeps what the user reads and what update, refresh and destroy need; rebuilds the stored outputs", () => {
    const rec = leanRecord(scene, outs, itemDigest(item("red mug")), createdPlacement(outs, inputs));
    expect(Object.keys(rec).sort()).toEqual(
      [
        "taskId",
        "outputFiles",
        "resultUrls",
        "fileIds",
        "createTime",
        "finishTime",
        "status",
        "progress",
        "idempotencyKey",
        "subAppId",
        JOB_PLACEMENT,
        ITEM_DIGEST,
      ].sort(),
    );
    const props = storedItemProps(batch({}), "sku-1", rec);
    expect(props.idempotencyScope).toBe("p/s/tencent:SceneAigcImageTaskSet/catalog/sku-1");
    expect(props.__holder).toBe("s-x|p/s|tencent:SceneAigcImageTaskSet/catalog/sku-1");
    expect(props.errorCode).toBe("");
    // Bytes per item in the state: the record (shared placement moved to the batch) against a resource's outputs.
    const { items } = packPlacements({ "sku-1": rec, "sku-2": rec });
    const itemBytes = JSON.stringify(items["sku-1"]).length;
    const resourceBytes = JSON.stringify(outs).length;
    console.log(`[batch state] ${itemBytes} bytes per item record vs ${resourceBytes} bytes of a resource's outputs`);
    expect(itemBytes).toBeLessThan(resourceBytes);
  });

  it("stores the placement most items share once; an item placed elsewhere keeps its own", () => {
    const here = { endpoint: "https://vod.example.com" };
    const there = { endpoint: "https://other.example.com" };
    const packed = packPlacements({
      a: { [JOB_PLACEMENT]: here },
      b: { [JOB_PLACEMENT]: here },
      c: { [JOB_PLACEMENT]: there },
    });
    expect(packed.shared).toEqual(here);
    expect(packed.items).toEqual({ a: {}, b: {}, c: { [JOB_PLACEMENT]: there } });
    const props = storedItemProps(batch({}, { [JOB_PLACEMENT]: here, endpoint: "https://moved.example.com" }), "a", {});
    expect(props.endpoint).toBe("https://vod.example.com");
  });
});

describe("the pool and the progress line", () => {
  it("never runs more than the bound at once, and runs every item", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachBounded(
      Array.from({ length: 50 }, (_, i) => i),
      async (i) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 1));
        running--;
        done.push(i);
      },
      7,
    );
    expect(most).toBe(7);
    expect(done).toHaveLength(50);
  });

  it("says one count for the batch, at most once a second and when all are done", () => {
    const lines: string[] = [];
    let now = 0;
    const p = new BatchProgress(
      Object.assign(() => undefined, { status: (l: string) => lines.push(l) }),
      3,
      () => now,
    );
    now = 1000;
    p.note("finished");
    p.note("failed");
    p.note("unfinished");
    expect(lines).toEqual(["1/3 finished", "1/3 finished, 1 failed, 1 unfinished"]);
  });
});

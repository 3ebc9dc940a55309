// Who holds an intent (issue 19, items 2 and 5): the stack instance read from the stack's config file, the
// holder rules at claim, delete and refresh, and which open intents a create or a destroy treats as orphans.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { holderText, parseHolder, sameStackInstance, stackInstanceId } from "../../../provider/resource-holder";
import { noteKeyInState } from "../../../provider/runtime/in-state";
import {
  heldByAnother,
  IntentHeldError,
  ORPHAN_MARK,
  openIntentOf,
  takeHold,
} from "../../../provider/runtime/intent-holder";
import { FileLedger } from "../../../provider/runtime/ledger/file-ledger";
import type { Intent, Ledger } from "../../../provider/runtime/ledger/ledger";
import { supersededIntents } from "../../../provider/runtime/orphans";

const dirs: string[] = [];
const ledgers: Ledger[] = [];
afterEach(async () => {
  for (const l of ledgers.splice(0)) await l.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "holder-"));
  dirs.push(d);
  return d;
};
const ledger = () => {
  const l = FileLedger.open(tmp());
  ledgers.push(l);
  return l;
};

const SUBJECT = "tencent:AigcSubject";
const h = (instance: string | undefined, stack: string, name: string) =>
  parseHolder(holderText(instance, "proj", stack, `${SUBJECT}/${name}`))!;
const SCOPE = "proj/dev/tencent:AigcSubject/a";
const claim = async (l: Ledger, key: string, holder?: string, digest = "d1", epoch = 0) =>
  (await l.claim({ key, scope: SCOPE, kind: SUBJECT, epoch, digest, holder })).intent;

describe("the stack instance", () => {
  it("is a hash of the stack's encryption salt or encrypted key, read from Pulumi.<stack>.yaml", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: proj\nruntime: nodejs\n");
    expect(stackInstanceId(dir, "dev")).toBeUndefined(); // no config file
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aigc:region: x\n");
    expect(stackInstanceId(dir, "dev")).toBeUndefined(); // Pulumi Cloud's service secrets provider: none
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "encryptionsalt: v1:AAAA:v1:BBBB:CCCC\nconfig: {}\n");
    const dev = stackInstanceId(dir, "dev");
    expect(dev).toMatch(/^s-[\w-]{16}$/);
    // `stack rename` moves the file: the same instance under the new name; a new stack gets a new salt.
    fs.renameSync(path.join(dir, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.prod.yaml"));
    expect(stackInstanceId(dir, "prod")).toBe(dev);
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "encryptionsalt: v1:DDDD:v1:EEEE:FFFF\n");
    expect(stackInstanceId(dir, "dev")).not.toBe(dev);
    fs.writeFileSync(path.join(dir, "Pulumi.kms.yaml"), "secretsprovider: awskms://k\nencryptedkey: ZZZZ\n");
    expect(stackInstanceId(dir, "kms")).toMatch(/^s-/);
  });

  it("follows Pulumi.yaml's stackConfigDir", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: proj\nstackConfigDir: config\n");
    fs.mkdirSync(path.join(dir, "config"));
    fs.writeFileSync(path.join(dir, "config", "Pulumi.dev.yaml"), "encryptionsalt: v1:AAAA:v1:BBBB\n");
    expect(stackInstanceId(dir, "dev")).toMatch(/^s-/);
  });

  it("tells stacks apart by instance when both have one, else by name", () => {
    expect(sameStackInstance(h("s-1", "dev", "a"), h("s-1", "prod", "a"))).toBe(true); // renamed
    expect(sameStackInstance(h("s-1", "dev", "a"), h("s-2", "dev", "a"))).toBe(false); // a new stack, same name
    expect(sameStackInstance(h(undefined, "dev", "a"), h("s-2", "dev", "a"))).toBe(true);
    expect(sameStackInstance(h(undefined, "dev", "a"), h(undefined, "prod", "a"))).toBe(false);
    expect(parseHolder("not a holder")).toBeUndefined();
  });
});

describe("the holder of an intent", () => {
  it("refuses a claim by another stack instance, naming both holders, key, vendor ids, way out", async () => {
    const l = ledger();
    const prod = h("s-old", "dev", "a");
    await claim(l, "pa-k1", prod.text);
    const held = await l.update("pa-k1", { state: "submitted", jobId: "task-1", heldIds: ["el-1"] });
    const err = await takeHold(l, SUBJECT, held, h("s-new", "dev", "a"), () => {}).catch((e) => e);
    expect(err).toBeInstanceOf(IntentHeldError);
    expect(err.message).toContain("pa-k1");
    expect(err.message).toContain("task-1, el-1");
    expect(err.message).toContain("stack instance s-old");
    expect(err.message).toContain("stack instance s-new");
    expect(err.message).toMatch(/its own idempotencyScope \(or set resubmitToken\)/);
    expect((await l.get("pa-k1"))?.holder).toBe(prod.text);
  });

  it("moves to the same stack's resource under a new name; the old resource then leaves it alone", async () => {
    const l = ledger();
    const lines: string[] = [];
    const a = h("s-1", "dev", "a");
    const b = h("s-1", "dev", "b");
    await claim(l, "pa-k2", a.text);
    const moved = await takeHold(l, SUBJECT, (await l.get("pa-k2"))!, b, (s) => lines.push(s));
    expect(moved.holder).toBe(b.text);
    expect(lines.join("\n")).toMatch(/moves from tencent:AigcSubject\/a to tencent:AigcSubject\/b/);
    expect(heldByAnother(moved, { __holder: a.text })?.resource).toBe(`${SUBJECT}/b`);
    expect(heldByAnother(moved, { __holder: b.text })).toBeUndefined();
    // A resource stored by an older version (no holder) never recorded one: a holder there is another's.
    expect(heldByAnother(moved, {})).toBeDefined();
    // A stack known only by its name (Pulumi Cloud's secrets provider) may have been renamed: still its own.
    const byName = await takeHold(l, SUBJECT, moved, h(undefined, "dev", "b"), () => {});
    expect(heldByAnother(byName, { __holder: h(undefined, "prod", "b").text })).toBeUndefined();
  });

  it("is recorded by the first claimer of an intent written before holders existed", async () => {
    const l = ledger();
    const legacy = await claim(l, "pa-k3");
    const a = h("s-1", "dev", "a");
    expect(heldByAnother(legacy, { __holder: a.text })).toBeUndefined();
    expect((await takeHold(l, SUBJECT, legacy, a, () => {})).holder).toBe(a.text);
    // A program of an older version (no holder) keeps today's rules.
    expect(await takeHold(l, SUBJECT, legacy, undefined, () => {})).toBe(legacy);
  });
});

describe("open intents of a resource", () => {
  it("finds this resource's open intent for the same request at any epoch, never another stack's", async () => {
    const l = ledger();
    const a = h("s-1", "dev", "a");
    const i0 = await claim(l, "pa-e0", a.text, "d1", 0);
    const i1 = await claim(l, "pa-e1", a.text, "d1", 1);
    const other = await claim(l, "pa-x", h("s-2", "dev", "a").text, "d1", 2);
    expect(openIntentOf([i0, i1, other], "d1", a)?.key).toBe("pa-e1");
    expect(openIntentOf([i0, i1, other], "d2", a)).toBeUndefined();
    expect(openIntentOf([i0, i1], "d1", undefined)).toBeUndefined();
  });

  it("treats as superseded only this resource's submitted jobs that the state does not hold", async () => {
    const l = ledger();
    const a = h("s-1", "dev", "a");
    const submitted = async (key: string, holder: string | undefined, digest: string): Promise<Intent> => {
      await claim(l, key, holder, digest);
      return l.update(key, { state: "submitted", jobId: `job-${key}` });
    };
    const crashed = await submitted("pa-crashed", a.text, "d1");
    const inState = await submitted("pa-in-state", a.text, "d2");
    const otherResource = await submitted("pa-b", h("s-1", "dev", "b").text, "d3");
    const noHolder = await submitted("pa-legacy", undefined, "d4");
    const orphan = await l.update("pa-crashed", { holder: `${ORPHAN_MARK}${a.text}` });
    const claimed = await claim(l, "pa-claimed", a.text, "d5");
    noteKeyInState("pa-in-state"); // diffed by this run: the engine will delete it after the replacement
    const open = [crashed, inState, otherResource, noHolder, claimed];
    expect(supersededIntents(open, { holder: a, ownKey: "pa-new" }).map((i) => i.key)).toEqual(["pa-crashed"]);
    expect(supersededIntents([orphan], { holder: a, ownKey: "pa-new" }).map((i) => i.key)).toEqual(["pa-crashed"]);
    expect(supersededIntents(open, { holder: a, ownKey: "pa-crashed" })).toEqual([]);
  });
});

// The fast response reader against zod itself: for every response schema of every action, on answers
// generated from the schema and then broken at random, `readResponse` must give exactly what
// `schema.safeParse` gives (the same success, the same value key for key, the same issues), and the answers
// the bench uses must take the short way.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { makeRandom } from "../../../emulator/random";
import { ICE_QUERY_IPRODUCTION_JOB, TENCENT_DESCRIBE_TASK_DETAIL } from "../../../harness/finished-job-answers";
import * as aicontent from "../../../sdk/alibaba/aicontent/actions";
import * as ice from "../../../sdk/alibaba/ice/actions";
import {
  AudioQualityAssessmentResult,
  CoverResult,
  MusicSegmentDetectResult,
  VideoClipResult,
} from "../../../sdk/alibaba/ice/iproduction-result";
import * as vod from "../../../sdk/alibaba/vod/actions";
import { readResponse, readsWithoutZodFallback } from "../../../sdk/core/response-reader";
import * as tencent from "../../../sdk/tencent/actions";

const actions = [
  ...[tencent, ice, vod, aicontent].flatMap((m) =>
    Object.values(m).filter(
      (v): v is { name: string; response: z.ZodType } =>
        typeof v === "object" && v !== null && "response" in v && "name" in v && "request" in v,
    ),
  ),
  // The decoded ICE Result of each FunctionName is read the same way.
  { name: "CoverResult", response: CoverResult },
  { name: "VideoClipResult", response: VideoClipResult },
  { name: "MusicSegmentDetectResult", response: MusicSegmentDetectResult },
  { name: "AudioQualityAssessmentResult", response: AudioQualityAssessmentResult },
];

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  valueType?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function randomJson(rnd: () => number, depth = 0): unknown {
  const k = Math.floor(rnd() * (depth > 2 ? 5 : 7));
  switch (k) {
    case 0:
      return null;
    case 1:
      return rnd() < 0.5;
    case 2:
      return Math.floor(rnd() * 1000) - 100;
    case 3:
      return rnd() * 10;
    case 4:
      return ["", "x", "FINISH", "1.5", "2026-01-02T00:00:00Z"][Math.floor(rnd() * 5)];
    case 5:
      return Array.from({ length: Math.floor(rnd() * 3) }, () => randomJson(rnd, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(rnd() * 3) }, (_, i) => [`K${i}`, randomJson(rnd, depth + 1)]),
      );
  }
}

/** A value shaped by the schema (most of the time valid), absent and null fields included. */
function sample(schema: z.ZodType, rnd: () => number, depth = 0): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(def.shape ?? {})) {
        const r = rnd();
        if (r < 0.1) continue;
        out[k] = r < 0.2 ? null : sample(s, rnd, depth + 1);
      }
      if (rnd() < 0.3) out[`Extra${Math.floor(rnd() * 3)}`] = randomJson(rnd, depth + 1);
      return out;
    }
    case "array":
      return Array.from({ length: depth > 3 ? 0 : Math.floor(rnd() * 3) }, () => sample(def.element!, rnd, depth + 1));
    case "optional":
    case "nullable":
      return rnd() < 0.2 ? (def.type === "optional" ? undefined : null) : sample(def.innerType!, rnd, depth);
    case "pipe":
      return sample(def.in!, rnd, depth);
    case "string":
      return ["", "abc", "Success", "FINISH", '[{"Score":0.9,"Time":"1","Url":"a.jpg"}]'][Math.floor(rnd() * 5)];
    case "number":
      return rnd() < 0.5 ? Math.floor(rnd() * 100) : rnd() * 100;
    case "boolean":
      return rnd() < 0.5;
    case "enum":
      return Object.values(def.entries ?? {})[Math.floor(rnd() * Object.values(def.entries ?? {}).length)];
    case "literal":
      return def.values?.[0];
    case "union":
      return sample(def.options![Math.floor(rnd() * def.options!.length)]!, rnd, depth);
    case "record":
      return { a: sample(def.valueType!, rnd, depth + 1) };
    default:
      return randomJson(rnd, depth);
  }
}

/** Replaces, nulls or deletes one node somewhere in `value`. */
function breakOne(value: unknown, rnd: () => number): unknown {
  const copy = structuredClone(value);
  const holders: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        holders.push([v, i]);
        walk(v[i]);
      }
    } else if (v && typeof v === "object") {
      for (const k of Object.keys(v)) {
        holders.push([v as Record<string, unknown>, k]);
        walk((v as Record<string, unknown>)[k]);
      }
    }
  };
  walk(copy);
  if (holders.length === 0) return randomJson(rnd);
  const [holder, key] = holders[Math.floor(rnd() * holders.length)]!;
  const r = rnd();
  if (r < 0.3 && !Array.isArray(holder)) delete (holder as Record<string, unknown>)[key as string];
  else (holder as Record<string | number, unknown>)[key] = r < 0.5 ? null : randomJson(rnd);
  return copy;
}

function expectSameAsZod(schema: z.ZodType, value: unknown) {
  const fast = readResponse(schema, value);
  const slow = schema.safeParse(value);
  expect(fast.success).toBe(slow.success);
  if (slow.success && fast.success) {
    expect(fast.data).toStrictEqual(slow.data);
    // Key order too: answers are serialized (state, logs) and must read the same.
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(slow.data));
  } else {
    expect(fast.error?.issues).toEqual(slow.error?.issues);
  }
}

describe("readResponse", () => {
  it("covers every action's response schema", () => {
    expect(actions.length).toBeGreaterThanOrEqual(17);
  });

  for (const action of actions) {
    it(`${action.name}: the same result as zod on generated and broken answers`, () => {
      const rnd = makeRandom(action.name.length * 7919); // the same cases on every run
      for (let i = 0; i < 300; i++) {
        const valid = sample(action.response, rnd);
        expectSameAsZod(action.response, valid);
        // As the wire delivers it: JSON, so no undefined values.
        expectSameAsZod(action.response, JSON.parse(JSON.stringify(valid ?? null)));
        expectSameAsZod(action.response, breakOne(valid, rnd));
        expectSameAsZod(action.response, breakOne(breakOne(valid, rnd), rnd));
      }
      for (const odd of [null, undefined, 0, "", [], {}, "x", true]) expectSameAsZod(action.response, odd);
    });
  }

  it("the same result as zod for the node kinds it hands back to zod, and at the edges of those it reads", () => {
    const schemas: z.ZodType[] = [
      z.looseObject({
        a: z
          .string()
          .optional()
          .transform((v) => v),
      }),
      z.looseObject({ a: z.string().default("d"), b: z.number().optional().default(1), c: z.string().prefault("p") }),
      z.looseObject({ a: z.string().default("d").optional(), b: z.number().nullable().default(null).nullish() }),
      z.looseObject({ a: z.exactOptional(z.string()), b: z.unknown(), c: z.any() }),
      z.strictObject({ a: z.string().nullish() }),
      z.object({ a: z.string().nullable() }),
      z.looseObject({ a: z.string() }).catchall(z.string()),
      z.looseObject({ a: z.string().min(2), b: z.int(), c: z.email().nullish() }),
      z.looseObject({ a: z.union([z.string(), z.number()]), b: z.enum(["X", "Y"]).nullish(), c: z.literal(1) }),
      z.looseObject({ a: z.array(z.number()).max(2), b: z.boolean().nullish(), c: z.record(z.string(), z.number()) }),
      z.looseObject({ a: z.string() }).superRefine((v, ctx) => {
        if (v.a === "bad") ctx.addIssue({ code: "custom", message: "bad" });
      }),
      z.looseObject({ toString: z.string().optional(), constructor: z.unknown() }),
      z.array(
        z.looseObject({
          n: z
            .number()
            .nullish()
            .transform((v) => v ?? 0),
        }),
      ),
    ];
    const inputs: unknown[] = [
      {},
      { a: undefined },
      { a: null },
      { a: "x" },
      { a: "bad" },
      { a: "xy", b: 3, c: "q@example.com" },
      { a: "X", b: "Y", c: 1, d: { e: 1 } },
      { a: [1, 2], b: true, c: { k: 1 } },
      { a: [1, 2, 3], b: "no", c: { k: "1" } },
      { a: 1, z: "extra" },
      { toString: "s" },
      [{ n: null }, { n: 2 }, {}],
      [{ n: "2" }],
      JSON.parse('{"__proto__":{"a":1},"a":"x"}'),
      JSON.parse('{"a":"x","__proto__":"y"}'),
    ];
    for (const schema of schemas) for (const input of inputs) expectSameAsZod(schema, input);
  });

  it("never copies an own __proto__ key, and refuses nothing zod accepts", () => {
    const body = JSON.parse(
      JSON.stringify(TENCENT_DESCRIBE_TASK_DETAIL.Response).replace("{", '{"__proto__":{"polluted":1},'),
    );
    expect(Object.hasOwn(body, "__proto__")).toBe(true);
    expectSameAsZod(tencent.DescribeTaskDetail.response, body);
    const parsed = readResponse(tencent.DescribeTaskDetail.response, body);
    expect(parsed.success && Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
  });

  it("takes the short way for the finished tasks the bench reads", () => {
    const detail = JSON.parse(JSON.stringify(TENCENT_DESCRIBE_TASK_DETAIL.Response));
    const job = JSON.parse(JSON.stringify(ICE_QUERY_IPRODUCTION_JOB));
    expect(readsWithoutZodFallback(tencent.DescribeTaskDetail.response, detail)).toBe(true);
    expect(readsWithoutZodFallback(ice.QueryIProductionJob.response, job)).toBe(true);
    expectSameAsZod(tencent.DescribeTaskDetail.response, detail);
    expectSameAsZod(ice.QueryIProductionJob.response, job);
  });

  it("still detects a malformed answer, with zod's issues", () => {
    const detail = JSON.parse(JSON.stringify(TENCENT_DESCRIBE_TASK_DETAIL.Response));
    detail.SceneAigcImageTask.Output.FileInfos[1].FileUrl = 42;
    const r = readResponse(tencent.DescribeTaskDetail.response, detail);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["SceneAigcImageTask", "Output", "FileInfos", 1, "FileUrl"]);
    const job = { ...ICE_QUERY_IPRODUCTION_JOB, OutputUrls: "not a list" };
    expect(readResponse(ice.QueryIProductionJob.response, job).success).toBe(false);
  });
});

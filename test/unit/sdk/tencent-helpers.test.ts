// Vendor knowledge the sdk owns for Tencent VOD: the SubAppId inside a TaskId, paging through AIGC elements,
// and finding a task by SessionId in the right application.
import { describe, expect, it } from "vitest";
import { parseTaskId, RequestValidationError, subAppIdFromTaskId, TencentVodClient } from "../../../sdk";
import { type RecordedRequest, useScriptedServer } from "../../support/scripted-server";

describe("TaskIds", () => {
  it("carry the SubAppId and the task type", () => {
    expect(parseTaskId("251007502-SceneAigcImageTask-0123456789abcdef0123456789abcdeft")).toEqual({
      subAppId: 251007502,
      taskType: "SceneAigcImageTask",
    });
    expect(subAppIdFromTaskId("221073-CreateAigcAdvancedCustomElement-927af0f45e354127835f6ec67c48f2a9t")).toBe(221073);
  });
  it("are undefined for anything of another form", () => {
    for (const id of [
      "",
      "element/858449709428916275",
      "251007502-SceneAigcImageTask-0123abcd", // no trailing t
      "abc-SceneAigcImageTask-0123t",
      "0-SceneAigcImageTask-0123t",
      "99999999999999999999-SceneAigcImageTask-0123t", // beyond a safe integer
    ]) {
      expect(subAppIdFromTaskId(id)).toBeUndefined();
    }
  });
});

const creds = { secretId: "AKIDHELPERS00000000000000000000000000", secretKey: "HelpersSecretKey0000000000000000" };
const server = useScriptedServer();
const client = (extra = {}) =>
  new TencentVodClient({ endpoint: server.url, credentials: creds, retry: { retries: 0 }, ...extra });
const body = (r: RecordedRequest) => JSON.parse(r.body.toString()) as Record<string, unknown>;

/** An application with `total` elements, answering DescribeAigcAdvancedCustomElements page by page. */
function elements(total: number) {
  server.handle((r) => {
    const { Offset = 0, Limit = 10 } = body(r) as { Offset?: number; Limit?: number };
    const ids = Array.from({ length: Math.max(0, Math.min(Limit, total - Offset)) }, (_, i) => String(Offset + i));
    const ElementSet = ids.map((Id) => ({ Id, Name: `n${Id}`, VoiceId: "", Description: "", CreateTime: "" }));
    return { json: { Response: { ElementSet, TotalCount: total, RequestId: "r" } } };
  });
}

describe("AIGC element paging", () => {
  it("reads every element with Offset a multiple of Limit, and stops at TotalCount", async () => {
    elements(650);
    const seen: string[] = [];
    for await (const e of client().iterateAigcAdvancedCustomElements({ subAppId: 7 })) seen.push(e.Id);
    expect(seen).toHaveLength(650);
    expect(new Set(seen).size).toBe(650);
    expect(server.requests.map(body)).toEqual([
      { SubAppId: 7, Offset: 0, Limit: 300 },
      { SubAppId: 7, Offset: 300, Limit: 300 },
      { SubAppId: 7, Offset: 600, Limit: 300 },
    ]);
  });

  it("finds one element without reading further pages, and says when there is none", async () => {
    elements(650);
    const c = client({ subAppId: 9 });
    expect((await c.findAigcAdvancedCustomElement("301"))?.Name).toBe("n301");
    expect(server.requests.map((r) => body(r).Offset)).toEqual([0, 300]);
    expect(body(server.requests[0]!).SubAppId).toBe(9);
    server.requests.length = 0;
    expect(await c.findAigcAdvancedCustomElement("9999", { pageSize: 100 })).toBeUndefined();
    expect(server.requests.map((r) => body(r).Offset)).toEqual([0, 100, 200, 300, 400, 500, 600]);
  });

  it("stops on an empty application", async () => {
    elements(0);
    expect(await client().findAigcAdvancedCustomElement("1", { subAppId: 3 })).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it("needs a SubAppId (the API requires one)", async () => {
    const e = await client()
      .findAigcAdvancedCustomElement("1")
      .catch((x) => x);
    expect(e).toBeInstanceOf(RequestValidationError);
    expect(e.message).toMatch(/SubAppId: is required/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("findTaskBySessionId", () => {
  it("looks in the SubAppId it is given, not the client's default", async () => {
    server.script({
      json: { Response: { TaskSet: [{ TaskId: "222-SceneAigcImageTask-0t", SessionId: "s-1" }], RequestId: "r" } },
    });
    const hit = await client({ subAppId: 111 }).findTaskBySessionId("s-1", {
      subAppId: 222,
      createdAfter: new Date("2026-03-01T10:00:00.500Z"),
    });
    expect(hit?.TaskId).toBe("222-SceneAigcImageTask-0t");
    expect(body(server.requests[0]!)).toEqual({
      SubAppId: 222,
      Limit: 100,
      CreateTime: { After: "2026-03-01T10:00:00Z" },
    });
  });

  it("falls back to the client's SubAppId", async () => {
    server.script({ json: { Response: { TaskSet: [], ScrollToken: "", RequestId: "r" } } });
    expect(await client({ subAppId: 111 }).findTaskBySessionId("s-2")).toBeUndefined();
    expect(body(server.requests[0]!).SubAppId).toBe(111);
  });
});

// Independent oracle: the official tencentcloud-sdk-nodejs-vod and our TencentVodClient send the same
// requests to a capture server, at the same frozen instant, with the same credentials. Signatures, bodies
// and signed headers must be identical byte for byte.
import * as http from "node:http";
import * as net from "node:net";
import { TencentVodClient } from "pulumi-aigc/sdk";
import * as tencentcloud from "tencentcloud-sdk-nodejs-vod";
import { Agent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

interface Captured {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const FROZEN = new Date("2026-01-01T00:00:00Z");
const captured: Captured[] = [];
let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      captured.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.setHeader("Content-Type", "application/json");
      // Enough for every response schema: both clients only need a well-formed envelope.
      res.end(
        JSON.stringify({
          Response: {
            TaskId: "251007502-SceneAigcImageTask-0t",
            ElementSet: [],
            TotalCount: 0,
            TaskSet: [],
            ScrollToken: "",
            RequestId: "00000000-0000-4000-8000-000000000000",
          },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  vi.useRealTimers();
  captured.length = 0;
});

/** An http.Agent that dials the capture server whatever host the official SDK names. */
function officialAgent(): http.Agent {
  const agent = new http.Agent({ keepAlive: false });
  (agent as unknown as { createConnection: () => net.Socket }).createConnection = () => net.connect(port, "127.0.0.1");
  return agent;
}

/** An undici Agent that dials the capture server whatever origin our client names. */
function ourDispatcher(): Agent {
  return new Agent({
    connect: (_opts, cb) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => cb(null, s));
      s.once("error", (e) => cb(e, null));
    },
  });
}

interface Case {
  name: string;
  endpoint: string;
  region?: string;
  token?: string;
  language?: "en-US" | "zh-CN";
  action: string;
  request: Record<string, unknown>;
}

const creds = { secretId: "AKIDEXAMPLE0000000000000000000000000", secretKey: "ExampleSecretKey00000000000000000" };

const cases: Case[] = [
  {
    name: "CN host, scene image, region",
    endpoint: "vod.tencentcloudapi.com",
    region: "ap-guangzhou",
    action: "CreateSceneAigcImageTask",
    request: {
      SubAppId: 251007502,
      SceneInfo: {
        Type: "ai_try_on",
        AiTryOnConfig: {
          Model: "WAND-tryon-1.0-lite",
          ClothesFileInfos: [{ Type: "Url", Url: "https://example.com/cloth.png" }],
          Prompt: "button it up",
        },
      },
      FileInfos: [{ Type: "Url", Url: "https://example.com/model.png" }],
      OutputConfig: { StorageMode: "Temporary", Resolution: "2K" },
      SessionId: "sess-0001",
      SessionContext: "ctx",
      TasksPriority: 0,
    },
  },
  {
    name: "intl host, element, STS token and language",
    endpoint: "vod.intl.tencentcloudapi.com",
    region: "ap-singapore",
    token: "temp-session-token-abc",
    language: "en-US",
    action: "CreateAigcAdvancedCustomElement",
    request: {
      SubAppId: 221073,
      ElementName: "demo",
      ReferenceType: "image_refer",
      ElementImageList: JSON.stringify({
        frontal_image: "https://example.com/f.png",
        refer_images: [{ image_url: "https://example.com/1.png" }],
      }),
      TagList: '[{"tag_id": "o_101"}, {"tag_id": "o_102"}]',
      SessionId: "el-1",
    },
  },
  {
    name: "no region, DescribeTaskDetail",
    endpoint: "vod.tencentcloudapi.com",
    action: "DescribeTaskDetail",
    request: { TaskId: "251007502-SceneAigcImageTask-0123456789abcdef0123456789abcdeft", SubAppId: 251007502 },
  },
  {
    name: "unicode prompt sent as raw UTF-8",
    endpoint: "vod.tencentcloudapi.com",
    region: "ap-guangzhou",
    action: "CreateSceneAigcImageTask",
    request: {
      SubAppId: 251007502,
      SceneInfo: {
        Type: "product_image",
        ProductImageConfig: { Prompt: "白色大理石台面，柔和的晨光", ProductDesc: "陶瓷咖啡杯 ☕", OutputImageCount: 2 },
      },
      FileInfos: [{ FileId: "5145403720640671256" }],
      OutputConfig: { AspectRatio: "1:1" },
    },
  },
  {
    name: "null optional dropped from the body",
    endpoint: "vod.tencentcloudapi.com",
    region: "ap-guangzhou",
    action: "DescribeAigcAdvancedCustomElements",
    request: { SubAppId: 251007502, Offset: null, Limit: 20 },
  },
  {
    name: "delete element",
    endpoint: "vod.tencentcloudapi.com",
    region: "ap-guangzhou",
    action: "DeleteAigcAdvancedCustomElement",
    request: { SubAppId: 251007502, ElementId: "858449709428916275" },
  },
  {
    name: "caller's key order kept (not the schema's)",
    endpoint: "vod.tencentcloudapi.com",
    region: "ap-guangzhou",
    action: "CreateSceneAigcImageTask",
    request: {
      SessionId: "order-1",
      OutputConfig: { Resolution: "4K", StorageMode: "Permanent", MediaName: "look" },
      FileInfos: [{ Url: "https://example.com/m.png", Type: "Url" }],
      SceneInfo: { AiTryOnConfig: { Prompt: "tuck in", Model: "WAND-tryon-1.0-pro" }, Type: "ai_try_on" },
      SubAppId: 251007502,
    },
  },
  {
    name: "nested structures in DescribeTasks",
    endpoint: "vod.tencentcloudapi.com",
    action: "DescribeTasks",
    request: {
      SubAppId: 251007502,
      Status: "FINISH",
      CreateTime: { After: "2025-12-31T00:00:00Z" },
      Sort: { Field: "CreateTime", Order: "Desc" },
      Limit: 100,
    },
  },
];

const methodOf = (action: string) => action.charAt(0).toLowerCase() + action.slice(1);

describe("TencentVodClient signs exactly like tencentcloud-sdk-nodejs-vod", () => {
  for (const c of cases) {
    it(c.name, async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(FROZEN);

      const official = new tencentcloud.vod.v20180717.Client({
        credential: { ...creds, ...(c.token ? { token: c.token } : {}) },
        region: c.region ?? "",
        profile: {
          httpProfile: { endpoint: c.endpoint, protocol: "http://", agent: officialAgent() },
          ...(c.language ? { language: c.language } : {}),
        },
      });
      await (official as unknown as Record<string, (r: unknown) => Promise<unknown>>)[c.action]!(
        structuredClone(c.request),
      );

      const ours = new TencentVodClient({
        endpoint: `https://${c.endpoint}`,
        credentials: { ...creds, token: c.token },
        region: c.region,
        language: c.language,
        dispatcher: ourDispatcher(),
        retry: { retries: 0 },
      });
      await (ours as unknown as Record<string, (r: unknown) => Promise<unknown>>)[methodOf(c.action)]!(
        structuredClone(c.request),
      );

      expect(captured).toHaveLength(2);
      const [theirs, mine] = captured as [Captured, Captured];
      expect(mine.body.toString("utf8")).toBe(theirs.body.toString("utf8"));
      expect(mine.headers.authorization).toBe(theirs.headers.authorization);
      for (const h of [
        "host",
        "content-type",
        "x-tc-action",
        "x-tc-version",
        "x-tc-timestamp",
        "x-tc-region",
        "x-tc-token",
        "x-tc-language",
      ]) {
        expect(mine.headers[h], h).toBe(theirs.headers[h]);
      }
      expect(mine.headers["x-tc-timestamp"]).toBe(String(FROZEN.getTime() / 1000));
    });
  }
});

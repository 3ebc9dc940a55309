// Independent oracles for Alibaba signing. Each official client (@alicloud/pop-core for RPC v1,
// @alicloud/openapi-client for V3 RPC and ROA) and our client send the same logical request to a capture
// server. Nonces and timestamps are random, so each captured request is re-signed by the OTHER side's
// implementation: ours must verify with @alicloud/openapi-util, theirs with our signer.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import OpenApiUtil from "@alicloud/openapi-util";
import RPCClient from "@alicloud/pop-core";
import * as $Util from "@alicloud/tea-util";
import { AlibabaAiContentClient, AlibabaIceClient, AlibabaVodClient } from "pulumi-aigc/sdk";
import { signAcs3, signRpcV1 } from "pulumi-aigc/sdk/internal";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

interface Captured {
  method: string;
  pathname: string;
  query: Record<string, string>;
  form: Record<string, string>;
  headers: Record<string, string>;
  body: Buffer;
}

const AK = { accessKeyId: "LTAI5tConformanceKeyId01", accessKeySecret: "ConformanceSecret0123456789ab" };
const STS = {
  accessKeyId: "STS.NConformanceKeyId02",
  accessKeySecret: "ConformanceSecret0123456789ab",
  securityToken: "CAIS.fake+sts/token=",
};

const captured: Captured[] = [];
let server: http.Server;
let host = "";

function decodeForm(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://x");
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      const form = (headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
        ? decodeForm(body.toString())
        : {};
      captured.push({
        method: req.method ?? "",
        pathname: url.pathname,
        query: decodeForm(url.search.slice(1)),
        form,
        headers,
        body,
      });
      res.setHeader("Content-Type", "application/json;charset=utf-8");
      const roa = url.pathname.startsWith("/api/");
      res.end(
        JSON.stringify(
          roa
            ? {
                requestId: "r",
                success: true,
                errCode: null,
                errMessage: null,
                data: {
                  id: "1",
                  promptId: "p",
                  modelId: "m",
                  jobStatus: "NOT_START",
                  resultImageUrl: null,
                  createTime: "",
                },
              }
            : {
                RequestId: "R",
                JobId: "0123456789abcdef0123456789abcdef",
                AIImageJobList: [],
                Status: "Queuing",
                FunctionName: "Cover",
              },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  captured.length = 0;
});

const V1_COMMON = new Set([
  "AccessKeyId",
  "Action",
  "Format",
  "SignatureMethod",
  "SignatureNonce",
  "SignatureVersion",
  "Timestamp",
  "Version",
  "Signature",
  "SecurityToken",
  "RegionId",
]);
const businessParams = (c: Captured) =>
  Object.fromEntries(Object.entries({ ...c.query, ...c.form }).filter(([k]) => !V1_COMMON.has(k)));

/** Checks a captured v1 request with both implementations. */
function verifyV1(c: Captured, secret: string) {
  const params = { ...c.query, ...c.form };
  const sent = params.Signature;
  expect(sent).toBeTruthy();
  const { Signature: _s, ...unsigned } = params;
  expect(signRpcV1(c.method as "POST", unsigned, secret).signature).toBe(sent);
  expect(OpenApiUtil.getRPCSignature(unsigned, c.method, secret)).toBe(sent);
}

/** Checks a captured V3 request with both implementations. */
function verifyV3(c: Captured, creds: { accessKeyId: string; accessKeySecret: string }) {
  const sent = c.headers.authorization;
  expect(sent).toMatch(/^ACS3-HMAC-SHA256 Credential=/);
  const ours = signAcs3({
    method: c.method as "POST",
    pathname: c.pathname,
    query: c.query,
    headers: c.headers,
    body: c.body,
    ...creds,
  });
  expect(ours.authorization).toBe(sent);
  // openapi-util signs the headers it is given that are host, content-type or x-acs-*.
  const signed = Object.fromEntries(
    Object.entries(c.headers).filter(([k]) => k === "host" || k === "content-type" || k.startsWith("x-acs-")),
  );
  const theirs = OpenApiUtil.getAuthorization(
    { pathname: c.pathname, method: c.method, query: c.query, headers: signed } as never,
    "ACS3-HMAC-SHA256",
    c.headers["x-acs-content-sha256"]!,
    creds.accessKeyId,
    creds.accessKeySecret,
  );
  expect(theirs).toBe(sent);
}

function openapiClient(creds: typeof AK | typeof STS) {
  return new OpenApi(new $OpenApi.Config({ ...creds, endpoint: host, protocol: "HTTP" }));
}

async function callOfficialV3(
  creds: typeof AK | typeof STS,
  p: {
    action: string;
    version: string;
    style: "RPC" | "ROA";
    pathname: string;
    method: string;
    query?: Record<string, string>;
    body?: Record<string, unknown>;
  },
) {
  const params = new $OpenApi.Params({
    action: p.action,
    version: p.version,
    protocol: "HTTP",
    pathname: p.pathname,
    method: p.method,
    authType: "AK",
    style: p.style,
    reqBodyType: p.style === "ROA" ? "json" : "formData",
    bodyType: "json",
  });
  const request = new $OpenApi.OpenApiRequest({ query: p.query ?? {}, ...(p.body ? { body: p.body } : {}) });
  await openapiClient(creds).callApi(params, request, new $Util.RuntimeOptions({}));
}

const iceQuery = {
  FunctionName: "VideoClip",
  Input: JSON.stringify({ Type: "OSS", Media: "oss://my-bucket/in/a.mp4" }),
  Output: JSON.stringify({ Type: "OSS", Media: "oss://my-bucket/out/clip.mp4" }),
  Name: "测试任务 clip*1",
  JobParams: JSON.stringify({ Duration: 30 }),
  UserData: JSON.stringify({ test: 1 }),
};

describe("RPC signature v1: @alicloud/pop-core vs AlibabaVodClient({ signatureVersion: 'v1' })", () => {
  const vodParams = {
    VideoId: "357a8748c5774a0e89d2726e6436aa01",
    AITemplateId: "ef1a8842cb9f4d1bcea80cad902e4160",
    UserData: JSON.stringify({
      Extend: { localId: "x y*1", test: "www" },
      MessageCallback: { CallbackURL: "https://cb.example.com/vod?a=1&b=2" },
    }),
  };

  it("SubmitAIImageJob: both sign the same business parameters verifiably", async () => {
    const pop = new RPCClient({ ...AK, endpoint: `http://${host}`, apiVersion: "2017-03-21" });
    await pop.request("SubmitAIImageJob", { ...vodParams }, { method: "POST" });
    await new AlibabaVodClient({
      endpoint: `http://${host}`,
      credentials: AK,
      signatureVersion: "v1",
      retry: { retries: 0 },
    }).submitAIImageJob({ ...vodParams });
    expect(captured).toHaveLength(2);
    const [theirs, ours] = captured as [Captured, Captured];
    verifyV1(theirs, AK.accessKeySecret);
    verifyV1(ours, AK.accessKeySecret);
    expect(businessParams(ours)).toEqual(businessParams(theirs));
    expect(ours.form.Format).toBe("JSON");
  });

  it("ICE SubmitIProductionJob with an STS token and UTF-8", async () => {
    const pop = new RPCClient({ ...STS, endpoint: `http://${host}`, apiVersion: "2020-11-09" });
    await pop.request("SubmitIProductionJob", { ...iceQuery }, { method: "POST" });
    await new AlibabaIceClient({
      endpoint: `http://${host}`,
      credentials: STS,
      signatureVersion: "v1",
      retry: { retries: 0 },
    }).submitIProductionJob({ ...iceQuery } as never);
    const [theirs, ours] = captured as [Captured, Captured];
    verifyV1(theirs, STS.accessKeySecret);
    verifyV1(ours, STS.accessKeySecret);
    expect(ours.form.SecurityToken).toBe(STS.securityToken);
    expect(businessParams(ours)).toEqual(businessParams(theirs));
  });
});

describe("ACS3-HMAC-SHA256: @alicloud/openapi-client vs our clients", () => {
  it("VOD GetAIImageJobs (RPC style, query parameters)", async () => {
    const q = { JobIds: "0123456789abcdef0123456789abcdef,fedcba9876543210fedcba9876543210" };
    await callOfficialV3(AK, {
      action: "GetAIImageJobs",
      version: "2017-03-21",
      style: "RPC",
      pathname: "/",
      method: "POST",
      query: q,
    });
    await new AlibabaVodClient({ endpoint: `http://${host}`, credentials: AK, retry: { retries: 0 } }).getAIImageJobs(
      q,
    );
    const [theirs, ours] = captured as [Captured, Captured];
    verifyV3(theirs, AK);
    verifyV3(ours, AK);
    expect(ours.query).toEqual(theirs.query);
    expect(ours.headers["x-acs-version"]).toBe("2017-03-21");
  });

  it("ICE SubmitIProductionJob with an STS token, UTF-8 and `*` (wire vs canonical encoding)", async () => {
    await callOfficialV3(STS, {
      action: "SubmitIProductionJob",
      version: "2020-11-09",
      style: "RPC",
      pathname: "/",
      method: "POST",
      query: iceQuery,
    });
    await new AlibabaIceClient({
      endpoint: `http://${host}`,
      credentials: STS,
      retry: { retries: 0 },
    }).submitIProductionJob({ ...iceQuery } as never);
    const [theirs, ours] = captured as [Captured, Captured];
    verifyV3(theirs, STS);
    verifyV3(ours, STS);
    expect(ours.query).toEqual(theirs.query);
    expect(ours.headers["x-acs-security-token"]).toBe(STS.securityToken);
    expect(ours.headers["x-acs-accesskey-id"]).toBe(STS.accessKeyId);
  });

  it("ICE QueryIProductionJob", async () => {
    const q = { JobId: "20b48fb04483915d4f2cd8ac12345678" };
    await callOfficialV3(AK, {
      action: "QueryIProductionJob",
      version: "2020-11-09",
      style: "RPC",
      pathname: "/",
      method: "POST",
      query: q,
    });
    await new AlibabaIceClient({
      endpoint: `http://${host}`,
      credentials: AK,
      retry: { retries: 0 },
    }).queryIProductionJob(q);
    const [theirs, ours] = captured as [Captured, Captured];
    verifyV3(theirs, AK);
    verifyV3(ours, AK);
    expect(ours.query).toEqual(theirs.query);
  });

  it("aicontent AddInferenceJob (ROA POST, JSON body, content-type signed)", async () => {
    const body = {
      imageNumber: 2,
      modelId: "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
      prompt: "a photo of a <special-token> in the snow",
      seed: 42,
    };
    await callOfficialV3(AK, {
      action: "Personalizedtxt2imgAddInferenceJob",
      version: "20240611",
      style: "ROA",
      pathname: "/api/v1/personalizedtxt2img/addInferenceJob",
      method: "POST",
      body,
    });
    await new AlibabaAiContentClient({
      endpoint: `http://${host}`,
      credentials: AK,
      retry: { retries: 0 },
    }).personalizedtxt2imgAddInferenceJob(body);
    const [theirs, ours] = captured as [Captured, Captured];
    verifyV3(theirs, AK);
    verifyV3(ours, AK);
    expect(ours.body.toString()).toBe(theirs.body.toString());
    expect(ours.headers["content-type"]).toBe(theirs.headers["content-type"]);
    expect(ours.pathname).toBe("/api/v1/personalizedtxt2img/addInferenceJob");
  });

  it("aicontent QueryInferenceJobInfo (ROA GET with query)", async () => {
    const q = { inferenceJobId: "3220" };
    await callOfficialV3(AK, {
      action: "Personalizedtxt2imgQueryInferenceJobInfo",
      version: "20240611",
      style: "ROA",
      pathname: "/api/v1/personalizedtxt2img/queryInferenceJobInfo",
      method: "GET",
      query: q,
    });
    await new AlibabaAiContentClient({
      endpoint: `http://${host}`,
      credentials: AK,
      retry: { retries: 0 },
    }).personalizedtxt2imgQueryInferenceJobInfo(q);
    const [theirs, ours] = captured as [Captured, Captured];
    verifyV3(theirs, AK);
    verifyV3(ours, AK);
    expect(ours.query).toEqual(theirs.query);
    expect(ours.method).toBe("GET");
  });
});

// Where an sdk client sends its requests: its `endpoint` option, else PULUMI_AIGC_ENDPOINT (the provider's
// variable too), else the vendor's public endpoint for its region.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AlibabaAiContentClient,
  AlibabaIceClient,
  AlibabaVodClient,
  ConfigurationError,
  TencentVodClient,
} from "../../../sdk/index";

const clients = {
  tencent: (endpoint?: string) => new TencentVodClient({ endpoint }),
  vod: (endpoint?: string) => new AlibabaVodClient({ endpoint }),
  ice: (endpoint?: string) => new AlibabaIceClient({ endpoint }),
  aicontent: (endpoint?: string) => new AlibabaAiContentClient({ endpoint }),
};
const publicHosts = {
  tencent: "vod.tencentcloudapi.com",
  vod: "vod.cn-shanghai.aliyuncs.com",
  ice: "ice.cn-shanghai.aliyuncs.com",
  aicontent: "aicontent.cn-beijing.aliyuncs.com",
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("an sdk client's endpoint", () => {
  it.each(Object.keys(clients) as Array<keyof typeof clients>)("%s: PULUMI_AIGC_ENDPOINT when no option", (name) => {
    vi.stubEnv("PULUMI_AIGC_ENDPOINT", "http://127.0.0.1:4566");
    expect(clients[name]().endpoint.origin).toBe("http://127.0.0.1:4566");
    // The option wins over the variable.
    expect(clients[name]("http://127.0.0.1:9").endpoint.origin).toBe("http://127.0.0.1:9");
  });

  it.each(Object.keys(clients) as Array<keyof typeof clients>)("%s: the public endpoint otherwise", (name) => {
    vi.stubEnv("PULUMI_AIGC_ENDPOINT", "");
    expect(clients[name]().endpoint.host).toBe(publicHosts[name]);
  });

  it("names the variable when its value is refused", () => {
    vi.stubEnv("PULUMI_AIGC_ENDPOINT", "http://emulator.example.com:4566");
    expect(() => new TencentVodClient()).toThrow(ConfigurationError);
    expect(() => new TencentVodClient()).toThrow(/^PULUMI_AIGC_ENDPOINT may use plain http only on a loopback/);
  });
});

// Vendor clients for the dynamic-provider process, created on first use and cached (their keep-alive pools,
// rate-limit buckets and poll batchers are shared by every resource of a deployment).
import {
  type AlibabaCredentials,
  AlibabaAiContentClient,
  AlibabaIceClient,
  AlibabaVodClient,
  ConfigurationError,
  TencentVodClient,
  type TencentCredentials,
} from "../../sdk";
import { setting } from "./provider-config";

/** Per-resource overrides of where a job goes. */
export interface Placement {
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
}

const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let c = cache.get(key) as T | undefined;
  if (!c) {
    c = make();
    cache.set(key, c);
  }
  return c;
}

/** Credentials from stack config, or undefined so the sdk reads the vendor's env vars at call time. */
function tencentCredentials(): TencentCredentials | undefined {
  const id = setting("tencentSecretId");
  const key = setting("tencentSecretKey");
  if (!id && !key) return undefined;
  if (!id || !key)
    throw new ConfigurationError(
      "set both aigc:tencentSecretId and aigc:tencentSecretKey, or neither (then TENCENTCLOUD_SECRET_ID/KEY are used)",
    );
  return { secretId: id, secretKey: key, token: setting("tencentSessionToken") };
}

function alibabaCredentials(): AlibabaCredentials | undefined {
  const id = setting("alibabaAccessKeyId");
  const secret = setting("alibabaAccessKeySecret");
  if (!id && !secret) return undefined;
  if (!id || !secret) {
    throw new ConfigurationError(
      "set both aigc:alibabaAccessKeyId and aigc:alibabaAccessKeySecret, or neither " +
        "(then ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET are used)",
    );
  }
  return { accessKeyId: id, accessKeySecret: secret, securityToken: setting("alibabaSecurityToken") };
}

/** The default SubAppId: the resource's own, else aigc:tencentSubAppId, else TENCENT_VOD_SUB_APP_ID. */
export function defaultSubAppId(): number | undefined {
  const v = setting("tencentSubAppId");
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new ConfigurationError(`aigc:tencentSubAppId must be a positive integer (got ${JSON.stringify(v)})`);
  return n;
}

export function tencentClient(p: Placement): TencentVodClient {
  const endpoint = p.endpoint ?? setting("tencentVodEndpoint") ?? setting("endpoint");
  const region = p.region ?? setting("tencentRegion") ?? setting("region");
  const hasConfigCreds = tencentCredentials() !== undefined;
  return cached(
    `tencent|${endpoint}|${region}|${hasConfigCreds}`,
    () =>
      // Credentials are read from the config on every call, never kept in the cached client.
      new TencentVodClient({
        endpoint,
        region,
        credentials: hasConfigCreds ? async () => tencentCredentials()! : undefined,
      }),
  );
}

function alibabaOptions(service: "vod" | "ice" | "aicontent", p: Placement) {
  const perService = {
    vod: "alibabaVodEndpoint",
    ice: "alibabaIceEndpoint",
    aicontent: "alibabaAiContentEndpoint",
  } as const;
  const endpoint = p.endpoint ?? setting(perService[service]) ?? setting("endpoint");
  const regionId = p.region ?? setting("alibabaRegion") ?? setting("region");
  const hasConfigCreds = alibabaCredentials() !== undefined;
  return {
    key: `${service}|${endpoint}|${regionId}|${hasConfigCreds}`,
    options: { endpoint, regionId, credentials: hasConfigCreds ? async () => alibabaCredentials()! : undefined },
  };
}

export function vodClient(p: Placement): AlibabaVodClient {
  const { key, options } = alibabaOptions("vod", p);
  return cached(key, () => new AlibabaVodClient(options));
}

export function iceClient(p: Placement): AlibabaIceClient {
  const { key, options } = alibabaOptions("ice", p);
  return cached(key, () => new AlibabaIceClient(options));
}

export function aiContentClient(p: Placement): AlibabaAiContentClient {
  const { key, options } = alibabaOptions("aicontent", p);
  return cached(key, () => new AlibabaAiContentClient(options));
}

// Vendor clients for the dynamic-provider process, created on first use and cached (their keep-alive pools,
// rate-limit buckets and poll batchers are shared by every resource of a deployment). The sdk's clients are
// required here, at first use, so that `check` and `diff` (preview) never load the transport.
import type {
  AlibabaAiContentClient,
  AlibabaCredentials,
  AlibabaIceClient,
  AlibabaVodClient,
  TencentCredentials,
  TencentVodClient,
} from "../../sdk";
import { ConfigurationError } from "../../sdk/core/errors";
import type { JobPlacement } from "../job-kind";
import { setting } from "./provider-config";

/** The vendor clients of one placement. Each is created on first use and shared by every resource. */
export interface ClientAccess {
  tencent(): TencentVodClient;
  vod(): AlibabaVodClient;
  ice(): AlibabaIceClient;
  aicontent(): AlibabaAiContentClient;
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

const sdk = (): typeof import("../../sdk") => require("../../sdk");

/** Credentials from stack config, or undefined so the sdk reads the vendor's env vars at call time. */
function tencentCredentials(): TencentCredentials | undefined {
  const id = setting("tencentSecretId");
  const key = setting("tencentSecretKey");
  if (!id && !key) return undefined;
  if (!id || !key) {
    throw new ConfigurationError(
      "set both aigc:tencentSecretId and aigc:tencentSecretKey, or neither (then TENCENTCLOUD_SECRET_ID/KEY are used)",
    );
  }
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

/** The configured default SubAppId: aigc:tencentSubAppId, else TENCENT_VOD_SUB_APP_ID. */
export function defaultSubAppId(): number | undefined {
  const v = setting("tencentSubAppId");
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new ConfigurationError(`aigc:tencentSubAppId must be a positive integer (got ${JSON.stringify(v)})`);
  }
  return n;
}

function tencentClient(p: JobPlacement): TencentVodClient {
  const endpoint = p.endpoint ?? setting("tencentVodEndpoint") ?? setting("endpoint");
  const region = p.region ?? setting("tencentRegion") ?? setting("region");
  const hasConfigCreds = tencentCredentials() !== undefined;
  return cached(
    `tencent|${endpoint}|${region}|${hasConfigCreds}`,
    () =>
      // Credentials are read from the config on every call, never kept in the cached client.
      new (sdk().TencentVodClient)({
        endpoint,
        region,
        credentials: hasConfigCreds ? async () => tencentCredentials()! : undefined,
      }),
  );
}

function alibabaOptions(service: "vod" | "ice" | "aicontent", p: JobPlacement) {
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

/** The clients of one placement (a resource's region and endpoint over the stack config). */
export function clientsFor(p: JobPlacement): ClientAccess {
  return {
    tencent: () => tencentClient(p),
    vod: () => {
      const { key, options } = alibabaOptions("vod", p);
      return cached(key, () => new (sdk().AlibabaVodClient)(options));
    },
    ice: () => {
      const { key, options } = alibabaOptions("ice", p);
      return cached(key, () => new (sdk().AlibabaIceClient)(options));
    },
    aicontent: () => {
      const { key, options } = alibabaOptions("aicontent", p);
      return cached(key, () => new (sdk().AlibabaAiContentClient)(options));
    },
  };
}

/** The region a resource's jobs go to at Alibaba (for the waiter's history profile). */
export function alibabaRegion(p: JobPlacement): string {
  return p.region ?? setting("alibabaRegion") ?? setting("region") ?? "";
}

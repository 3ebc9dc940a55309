// The provider's configuration in the package schema: today's `aigc:*` stack config keys, as the package's
// config variables and as the inputs of an explicit provider instance (`pulumi:providers:aigc`), secrets marked.
import { CONFIG_KEYS } from "../runtime/provider-config";
import type { PropertySpec } from "./schema-types";

type ConfigName = keyof typeof CONFIG_KEYS;

interface ConfigSpec {
  readonly description: string;
  readonly type?: "integer";
  /** Credentials, and values that may carry a password: secret in state and in the SDKs. */
  readonly secret?: true;
}

const ENDPOINT_RULE = "https, or http on a loopback address (the emulator)";

/** Each key's description; a key added to CONFIG_KEYS without one fails to compile here. */
export const CONFIG_SPECS: Readonly<Record<ConfigName, ConfigSpec>> = {
  tencentSecretId: { secret: true, description: "Tencent Cloud SecretId (env TENCENTCLOUD_SECRET_ID)." },
  tencentSecretKey: { secret: true, description: "Tencent Cloud SecretKey (env TENCENTCLOUD_SECRET_KEY)." },
  tencentSessionToken: {
    secret: true,
    description: "Tencent Cloud STS session token, with temporary keys (env TENCENTCLOUD_SESSION_TOKEN).",
  },
  tencentRegion: { description: "Tencent region; wins over `region`." },
  tencentSubAppId: {
    type: "integer",
    description: "The default VOD application (SubAppId) of Tencent jobs (env TENCENT_VOD_SUB_APP_ID).",
  },
  tencentVodEndpoint: {
    description:
      `Tencent VOD endpoint (${ENDPOINT_RULE}); wins over \`endpoint\`. ` + "Default https://vod.tencentcloudapi.com.",
  },
  alibabaAccessKeyId: { secret: true, description: "Alibaba Cloud AccessKey id (env ALIBABA_CLOUD_ACCESS_KEY_ID)." },
  alibabaAccessKeySecret: {
    secret: true,
    description: "Alibaba Cloud AccessKey secret (env ALIBABA_CLOUD_ACCESS_KEY_SECRET).",
  },
  alibabaSecurityToken: {
    secret: true,
    description: "Alibaba Cloud STS security token, with temporary keys (env ALIBABA_CLOUD_SECURITY_TOKEN).",
  },
  alibabaRegion: {
    description: "Alibaba region; wins over `region`. Default cn-shanghai (VOD, ICE) and cn-beijing (aicontent).",
  },
  alibabaVodEndpoint: { description: `Alibaba VOD endpoint (${ENDPOINT_RULE}); wins over \`endpoint\`.` },
  alibabaIceEndpoint: { description: `Alibaba ICE endpoint (${ENDPOINT_RULE}); wins over \`endpoint\`.` },
  alibabaAiContentEndpoint: { description: `Alibaba aicontent endpoint (${ENDPOINT_RULE}); wins over \`endpoint\`.` },
  region: {
    description: "Region of both vendors' jobs, unless a vendor's own region key or a resource says otherwise.",
  },
  endpoint: {
    description: `One endpoint for every service (${ENDPOINT_RULE}), e.g. the emulator (env PULUMI_AIGC_ENDPOINT).`,
  },
  ledger: {
    secret: true,
    description:
      "The submission ledger: `file:///dir`, `postgres://user@host/db` or `local` (env PULUMI_AIGC_LEDGER). " +
      "Secret: a PostgreSQL URL may hold a password.",
  },
  journalDir: {
    description: "A directory for the ledger's file journal, when `ledger` is unset (env PULUMI_AIGC_JOURNAL_DIR).",
  },
  ambiguousSubmission: {
    description:
      "`fail` (default) or `resubmit`: what to do when an Alibaba submit failed after reaching the vendor and its " +
      "job cannot be found (a resource's `onAmbiguousSubmission` wins).",
  },
  maxSubmissionsPerUpdate: {
    type: "integer",
    description: "Spend guard: the paid submissions one update may send (default 100); beyond it a create fails first.",
  },
  claimWaitSeconds: {
    type: "integer",
    description:
      "How long a runner waits for another live runner's claim on the same job before stopping (default 60).",
  },
};

/** The config variables (and the explicit provider's inputs): names without the `aigc:` prefix. */
export function providerConfigProperties(): Record<string, PropertySpec> {
  const out: Record<string, PropertySpec> = {};
  for (const name of Object.keys(CONFIG_KEYS) as ConfigName[]) {
    const spec = CONFIG_SPECS[name];
    out[name] = {
      type: spec.type ?? "string",
      description: spec.description,
      ...(spec.secret ? { secret: true } : {}),
    };
  }
  return out;
}

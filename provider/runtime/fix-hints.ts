// Errors that name their fix in the provider's own terms: the stack config keys for missing credentials
// (the sdk can only name its environment variables), and `aigc:endpoint` when a connection is refused.
import { ALIBABA_CREDENTIAL_ENV } from "../../sdk/alibaba/alibaba-credential-env";
import { CredentialsError, NetworkError } from "../../sdk/core/errors";
import { TENCENT_CREDENTIAL_ENV } from "../../sdk/tencent/tencent-credential-env";
import { kindService } from "./kind-services";
import { CONFIG_KEYS, ENV_KEYS, setting } from "./provider-config";
import { alibabaRegionSetting } from "./region-rules";

const CREDENTIAL_KEYS = {
  tencent: {
    label: "Tencent Cloud",
    id: CONFIG_KEYS.tencentSecretId,
    secret: CONFIG_KEYS.tencentSecretKey,
    env: TENCENT_CREDENTIAL_ENV,
  },
  alibaba: {
    label: "Alibaba Cloud",
    id: CONFIG_KEYS.alibabaAccessKeyId,
    secret: CONFIG_KEYS.alibabaAccessKeySecret,
    env: ALIBABA_CREDENTIAL_ENV,
  },
} as const;

/** What to set when a vendor has no credentials: the stack config keys, then the environment variables. */
export function credentialsFix(vendor: "tencent" | "alibaba"): string {
  const k = CREDENTIAL_KEYS[vendor];
  return (
    `set ${k.id} and ${k.secret} (\`pulumi config set --secret ${k.id} …\`), ` +
    `or ${k.env.id} and ${k.env.secret} in the environment`
  );
}

/** The message for a vendor without credentials. */
export function noCredentialsMessage(vendor: "tencent" | "alibaba"): string {
  return `no ${CREDENTIAL_KEYS[vendor].label} credentials: ${credentialsFix(vendor)}`;
}

const PER_SERVICE_ENDPOINT = {
  tencent: { vod: "tencentVodEndpoint" },
  alibaba: { vod: "alibabaVodEndpoint", ice: "alibabaIceEndpoint", aicontent: "alibabaAiContentEndpoint" },
} as const;

/** A URL without credentials, query or fragment (what a message may show of an endpoint). */
function bareUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "(an unreadable URL)";
  }
}

/** The endpoint a resource's jobs go to, when one is set, and which setting set it. */
export function endpointSetting(
  kindName: string,
  inputs: Readonly<Record<string, unknown>>,
): { readonly url: string; readonly source: string } | undefined {
  if (typeof inputs.endpoint === "string" && inputs.endpoint) return { url: inputs.endpoint, source: "endpoint" };
  const svc = kindService(kindName);
  const perService = svc?.service
    ? (PER_SERVICE_ENDPOINT[svc.vendor] as Record<string, keyof typeof CONFIG_KEYS>)[svc.service]
    : undefined;
  const own = perService ? setting(perService) : undefined;
  if (perService && own) return { url: own, source: CONFIG_KEYS[perService] };
  const shared = setting("endpoint");
  if (!shared) return undefined;
  return { url: shared, source: process.env[ENV_KEYS.endpoint] === shared ? ENV_KEYS.endpoint : CONFIG_KEYS.endpoint };
}

/** The vendor's public endpoint a kind's jobs go to when no endpoint is set (the sdk clients' defaults). */
function publicEndpoint(kindName: string, inputs: Readonly<Record<string, unknown>>): string {
  const svc = kindService(kindName);
  if (svc?.vendor === "tencent") return "https://vod.tencentcloudapi.com";
  const region = alibabaRegionSetting(inputs)?.region;
  if (svc?.service === "vod") return `https://vod.${region ?? "cn-shanghai"}.aliyuncs.com`;
  if (svc?.service === "ice") return `https://ice.${region ?? "cn-shanghai"}.aliyuncs.com`;
  if (svc?.service === "aicontent") {
    const r = region ?? "cn-beijing";
    return r === "cn-shanghai" || r === "public"
      ? "https://aicontent.aliyuncs.com"
      : `https://aicontent.${r}.aliyuncs.com`;
  }
  return "the vendor's public endpoint";
}

const CONNECT_FAILURE = /\[(NetworkError\] cannot connect|RequestTimeout\] connect timeout)/;

/**
 * Adds the fix to an error's message, in place (its class and properties stay, so the engine still sees a
 * partial-create error as one, and the `reasons` it prints get the same fix): credentials → the config keys;
 * a refused connection → the endpoint setting.
 */
export function withFixHint<E>(err: E, kindName: string, inputs: Readonly<Record<string, unknown>>): E {
  if (!(err instanceof Error)) return err;
  const vendor = kindService(kindName)?.vendor;
  if (err instanceof CredentialsError && vendor) {
    err.message = noCredentialsMessage(vendor);
    return err;
  }
  const refused = (err instanceof NetworkError && err.phase === "connect") || CONNECT_FAILURE.test(err.message);
  if (!refused || err.message.includes("aigc:endpoint")) return err;
  const ep = endpointSetting(kindName, inputs);
  const hint = ep
    ? `. Cannot reach ${bareUrl(ep.url)} (set by ${ep.source}): check aigc:endpoint and that its service is running`
    : `. Cannot reach ${publicEndpoint(kindName, inputs)}: check the network, or set aigc:endpoint`;
  err.message += hint;
  const reasons = (err as { reasons?: unknown }).reasons;
  if (Array.isArray(reasons)) {
    for (const [i, r] of reasons.entries()) if (typeof r === "string" && CONNECT_FAILURE.test(r)) reasons[i] = r + hint;
  }
  return err;
}

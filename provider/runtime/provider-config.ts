// Provider configuration, set by the dynamic provider's `configure` from stack config. It lives only in the
// memory of the dynamic-provider process: nothing here is serialized into state.

/** The stack config keys the provider reads (namespace `aigc`). */
export const CONFIG_KEYS = {
  tencentSecretId: "aigc:tencentSecretId",
  tencentSecretKey: "aigc:tencentSecretKey",
  tencentSessionToken: "aigc:tencentSessionToken",
  tencentRegion: "aigc:tencentRegion",
  tencentSubAppId: "aigc:tencentSubAppId",
  tencentVodEndpoint: "aigc:tencentVodEndpoint",
  alibabaAccessKeyId: "aigc:alibabaAccessKeyId",
  alibabaAccessKeySecret: "aigc:alibabaAccessKeySecret",
  alibabaSecurityToken: "aigc:alibabaSecurityToken",
  alibabaRegion: "aigc:alibabaRegion",
  alibabaVodEndpoint: "aigc:alibabaVodEndpoint",
  alibabaIceEndpoint: "aigc:alibabaIceEndpoint",
  alibabaAiContentEndpoint: "aigc:alibabaAiContentEndpoint",
  region: "aigc:region",
  endpoint: "aigc:endpoint",
  ledger: "aigc:ledger",
  journalDir: "aigc:journalDir",
  ambiguousSubmission: "aigc:ambiguousSubmission",
  maxSubmissionsPerUpdate: "aigc:maxSubmissionsPerUpdate",
  claimWaitSeconds: "aigc:claimWaitSeconds",
} as const;

/** Environment fallbacks read at call time (besides the vendors' credential variables, read by the sdk). */
export const ENV_KEYS = {
  endpoint: "PULUMI_AIGC_ENDPOINT",
  ledger: "PULUMI_AIGC_LEDGER",
  journalDir: "PULUMI_AIGC_JOURNAL_DIR",
  tencentSubAppId: "TENCENT_VOD_SUB_APP_ID",
} as const;

type ConfigKey = keyof typeof CONFIG_KEYS;
let values: Partial<Record<ConfigKey, string>> = {};

/** Called from the dynamic provider's `configure` with Pulumi's config reader. */
export function configureFrom(config: { get(key: string): string | undefined }): void {
  const next: Partial<Record<ConfigKey, string>> = {};
  for (const [name, key] of Object.entries(CONFIG_KEYS) as Array<[ConfigKey, string]>) {
    const v = config.get(key);
    if (v !== undefined && v !== "") next[name] = v;
  }
  values = next;
}

/** One config value, or the environment fallback where there is one. */
export function setting(name: ConfigKey): string | undefined {
  const env = (ENV_KEYS as Record<string, string>)[name];
  return values[name] ?? (env ? process.env[env] || undefined : undefined);
}

/**
 * Runs `fn` with the settings of `config` in place of the configured ones, then puts those back: the provider
 * plugin validates a provider's config (CheckConfig) with the very functions that read it later.
 */
export function withConfig<T>(config: { get(key: string): string | undefined }, fn: () => T): T {
  const saved = values;
  configureFrom(config);
  try {
    return fn();
  } finally {
    values = saved;
  }
}

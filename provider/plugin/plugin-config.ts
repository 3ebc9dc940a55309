// The `aigc` provider's configuration as the plugin receives it: today's `aigc:*` stack config keys, as the
// inputs of a provider (the default one, from stack config, or an explicit `pulumi:providers:aigc` resource).
// The engine starts one plugin process per provider (pkg/v3 host/host.go `Provider` makes a new plugin on every
// load; the registry loads one per provider resource), so the runtime's process-wide settings
// (../runtime/provider-config.ts) are per instance here too. Values are validated by the functions that read them
// later (CheckConfig, at preview), and a change never replaces the provider: replacing it would replace each of
// its jobs, a new paid job each; a submitted job keeps the placement it was sent with.
import { didYouMean } from "../../sdk/core/did-you-mean";
import { parseEndpoint } from "../../sdk/core/endpoint";
import { describeValue } from "../../sdk/core/errors";
import { ambiguityPolicy, claimWaitMs } from "../runtime/lifecycle/settings";
import { CONFIG_KEYS, withConfig } from "../runtime/provider-config";
import { maxSubmissionsPerUpdate } from "../runtime/spend-guard";
import { UNKNOWN } from "../runtime/unknowns";
import { CONFIG_SPECS } from "../schema/provider-config-schema";
import { type Props, unwrapSecrets, withSecretProps } from "./property-values";

/** A config reader over a provider's inputs (`tencentSecretId: …`), as the runtime's `configureFrom` reads it. */
export function configReader(inputs: Props): { get(key: string): string | undefined } {
  return {
    get(key: string) {
      const v = unwrapSecrets(inputs[key.replace(/^aigc:/, "")]);
      if (v === undefined || v === null || v === UNKNOWN) return undefined;
      return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
    },
  };
}

/** A provider's inputs from Configure's `variables` (`aigc:config:<key>`), for an engine that sends no `args`. */
export function inputsFromVariables(variables: ReadonlyArray<[string, string]>): Props {
  const out: Props = {};
  for (const [k, v] of variables) {
    const m = /^aigc:(?:config:)?(.+)$/.exec(k);
    if (m) out[m[1]!] = v;
  }
  return out;
}

/** Inputs the engine itself gives every provider resource, besides the package's own config. */
const ENGINE_KEYS = new Set(["version", "pluginDownloadURL"]);
const KNOWN = Object.keys(CONFIG_KEYS);
const ENDPOINT_KEYS = [
  "endpoint",
  "tencentVodEndpoint",
  "alibabaVodEndpoint",
  "alibabaIceEndpoint",
  "alibabaAiContentEndpoint",
];

/**
 * The settings that are credentials (or may carry a password), as the package schema marks them. An explicit
 * provider's inputs are stored in the state: given in clear, these are marked secret so that they are encrypted.
 */
const SECRET_KEYS = Object.entries(CONFIG_SPECS)
  .filter(([, spec]) => spec.secret)
  .map(([key]) => key);

/** A provider's checked inputs: `inputs` with its credentials marked secret. */
export function checkedConfigInputs(inputs: Props): Props {
  return withSecretProps(inputs, SECRET_KEYS);
}

/** One refused config value: the key and the rule with the value. */
export interface ConfigFailure {
  readonly property: string;
  readonly reason: string;
}

/** Runs `validate`, turning what it throws into a failure of `property`. */
function rule(failures: ConfigFailure[], property: string, validate: () => unknown): void {
  try {
    validate();
  } catch (e) {
    failures.push({ property, reason: (e as Error).message });
  }
}

/**
 * CheckConfig: the keys this provider does not know (with the nearest it does) and the values its settings refuse,
 * each checked by the function that reads it when a job runs. Unknown values (a preview) are not judged.
 */
export function checkConfig(inputs: Props): ConfigFailure[] {
  const failures: ConfigFailure[] = [];
  for (const key of Object.keys(inputs)) {
    if (ENGINE_KEYS.has(key) || KNOWN.includes(key) || key.startsWith("__")) continue;
    failures.push({
      property: key,
      reason: `aigc:${key} is not a setting of the aigc provider${didYouMean(key, KNOWN)}`,
    });
  }
  const known = (key: string) => {
    const v = unwrapSecrets(inputs[key]);
    return v !== undefined && v !== null && v !== UNKNOWN;
  };
  withConfig(configReader(inputs), () => {
    if (known("maxSubmissionsPerUpdate")) rule(failures, "maxSubmissionsPerUpdate", maxSubmissionsPerUpdate);
    if (known("claimWaitSeconds")) rule(failures, "claimWaitSeconds", claimWaitMs);
    if (known("ambiguousSubmission")) rule(failures, "ambiguousSubmission", () => ambiguityPolicy({}));
  });
  for (const key of ENDPOINT_KEYS) {
    if (!known(key)) continue;
    const v = unwrapSecrets(inputs[key]);
    rule(failures, key, () => {
      if (typeof v !== "string") throw new Error(`aigc:${key} must be a string (got ${describeValue(v)})`);
      parseEndpoint(v, `aigc:${key}`);
    });
  }
  return failures;
}

/**
 * DiffConfig: the keys whose values changed. Never a replacement: a new provider would replace every job it
 * manages, each a new paid job; a changed endpoint or region applies to future jobs only.
 */
export function diffConfig(olds: Props, news: Props): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter(
    (k) => !ENGINE_KEYS.has(k) && JSON.stringify(unwrapSecrets(olds[k])) !== JSON.stringify(unwrapSecrets(news[k])),
  );
}

// Warnings a preview prints once per run, not once per resource: the provider process serves every resource
// of a deployment, so a module-level set is enough to say each thing once.

import { ALIBABA_CREDENTIAL_ENV } from "../../sdk/alibaba/alibaba-credential-env";
import { readCredentialEnv } from "../../sdk/core/credentials";
import { TENCENT_CREDENTIAL_ENV } from "../../sdk/tencent/tencent-credential-env";
import { credentialsFix } from "./fix-hints";
import { kindService } from "./kind-services";
import { setting } from "./provider-config";

const said = new Set<string>();

/** Whether a vendor has credentials anywhere the provider looks: stack config, else the environment. */
export function hasCredentials(vendor: "tencent" | "alibaba", env: NodeJS.ProcessEnv = process.env): boolean {
  if (vendor === "tencent") {
    return (
      (!!setting("tencentSecretId") && !!setting("tencentSecretKey")) ||
      !!readCredentialEnv(TENCENT_CREDENTIAL_ENV, env)
    );
  }
  return (
    (!!setting("alibabaAccessKeyId") && !!setting("alibabaAccessKeySecret")) ||
    !!readCredentialEnv(ALIBABA_CREDENTIAL_ENV, env)
  );
}

/**
 * The warnings a resource of `kindName` raises that have not been said yet in this run (each once per
 * process): its vendor has no credentials set anywhere. Read now, at check time, never kept.
 */
export function onceWarnings(kindName: string): string[] {
  const vendor = kindService(kindName)?.vendor;
  if (!vendor || hasCredentials(vendor)) return [];
  const topic = `credentials:${vendor}`;
  if (said.has(topic)) return [];
  said.add(topic);
  const label = vendor === "tencent" ? "Tencent Cloud" : "Alibaba Cloud";
  return [
    `no ${label} credentials are set: \`pulumi up\` would fail before submitting anything; ${credentialsFix(vendor)}`,
  ];
}

/** Forgets what was said (tests). */
export function resetOnceWarnings(): void {
  said.clear();
}

// The Automation API follows every `up` with three CLI calls: `stack output` twice (masked, to learn which outputs
// are secret, and in clear) and `stack history --show-secrets` for the summary; `refresh` and `destroy` with the
// history call. Each is a CLI start, and each `--show-secrets` a passphrase key derivation: together about 1.2 CPU
// seconds per `up`, a fifth of the e2e suite's CLI time on 2 cores. A test stack makes the same results with less:
// the outputs from one `stack export --show-secrets` (the root resource's outputs, secrets marked by Pulumi's
// signature), the summary from the history without secrets (nothing reads its config).
import type { LocalWorkspace, OutputMap, Stack } from "@pulumi/pulumi/automation";

/** Pulumi's marker of a secret value in a deployment (`resource.SecretSig`), with its value in `plaintext`. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isSecret = (v: Json): v is { [k: string]: Json } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && v[SECRET_SIG] === SECRET_VALUE;

/** A value of an exported deployment with every secret (at any depth) replaced by its plaintext. */
export function revealed(v: Json): Json {
  if (isSecret(v)) return revealed(JSON.parse(String(v.plaintext)) as Json);
  if (Array.isArray(v)) return v.map(revealed);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revealed(x as Json)]));
  }
  return v;
}

/**
 * The stack outputs as `Stack.outputs()` gives them, from an exported deployment: each root output in clear, and
 * secret when the output itself is (as `stack output` masks it as "[secret]").
 */
export function outputsOfDeployment(deployment: { resources?: Array<{ type: string; outputs?: Json }> }): OutputMap {
  const root = (deployment.resources ?? []).find((r) => r.type === "pulumi:pulumi:Stack");
  const outputs = (root?.outputs ?? {}) as Record<string, Json>;
  return Object.fromEntries(
    Object.entries(outputs).map(([key, v]) => [key, { value: revealed(v), secret: isSecret(v) }]),
  );
}

/** Makes `stack`'s outputs one CLI call and its summaries a call without secrets (see the file's comment). */
export function leanStackCalls(stack: Stack): Stack {
  const workspace = stack.workspace as LocalWorkspace;
  workspace.stackOutputs = async (name: string) =>
    outputsOfDeployment((await workspace.exportStack(name)).deployment as { resources?: [] });
  const info = stack.info.bind(stack);
  stack.info = (showSecrets?: boolean) => info(showSecrets ?? false);
  return stack;
}

import { CredentialsError } from "./errors";

/**
 * Where a client gets its credentials: a fixed value, or a function called before every request (so
 * rotated or STS credentials are picked up). When absent, clients read the vendor's standard environment
 * variables at call time, never at construction or import.
 */
export type CredentialSource<T> = T | (() => T | Promise<T>);

/** Names of the environment variables that hold one vendor's credentials. */
export interface CredentialEnvNames {
  readonly id: string;
  readonly secret: string;
  readonly token: string;
}

/** Reads `{ id, secret, token? }` from the environment; undefined when id or secret is missing. */
export function readCredentialEnv(
  names: CredentialEnvNames,
  env: NodeJS.ProcessEnv = process.env,
): { id: string; secret: string; token: string | undefined } | undefined {
  const id = env[names.id]?.trim();
  const secret = env[names.secret]?.trim();
  if (!id || !secret) return undefined;
  const token = env[names.token]?.trim() || undefined;
  return { id, secret, token };
}

/**
 * Resolves a credential source at call time.
 * @throws CredentialsError when nothing is configured; the message names the env variables, never values.
 */
export async function resolveCredentials<T>(
  source: CredentialSource<T> | undefined,
  fromEnv: () => T | undefined,
  names: CredentialEnvNames,
  vendorLabel: string,
): Promise<T> {
  const value =
    source === undefined ? fromEnv() : typeof source === "function" ? await (source as () => T | Promise<T>)() : source;
  if (value === undefined || value === null) {
    throw new CredentialsError(
      `no ${vendorLabel} credentials: pass \`credentials\` to the client or set ${names.id} and ${names.secret}` +
        ` (and ${names.token} for temporary credentials)`,
    );
  }
  return value;
}

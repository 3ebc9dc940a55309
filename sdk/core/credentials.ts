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

/**
 * One vendor's credential type: its label for messages, the environment variables that hold it, and the
 * names of its key id, secret and session-token fields.
 */
export interface CredentialKind<T> {
  readonly vendor: string;
  readonly env: CredentialEnvNames;
  readonly fields: { readonly id: keyof T; readonly secret: keyof T; readonly token: keyof T };
}

/** The credentials an attempt signs with, as they must be kept out of messages. */
export interface CredentialSecrets {
  /** Replaced whole (secret keys, STS tokens). */
  readonly secrets: ReadonlyArray<string | undefined>;
  /** Masked to a short prefix (key ids). */
  readonly ids: ReadonlyArray<string | undefined>;
}

/**
 * A client's credentials at call time: its source, else the vendor's environment variables.
 * @throws CredentialsError when neither is set; the message names the variables, never values.
 */
export function credentialsFor<T>(source: CredentialSource<T> | undefined, kind: CredentialKind<T>): Promise<T> {
  const fromEnv = () => {
    const e = readCredentialEnv(kind.env);
    return e && ({ [kind.fields.id]: e.id, [kind.fields.secret]: e.secret, [kind.fields.token]: e.token } as T);
  };
  return resolveCredentials(source, fromEnv, kind.env, kind.vendor);
}

/**
 * {@link credentialsFor} without a promise when the client holds fixed credentials (the common case): the
 * same value or the same error, one await cheaper per request.
 * @throws CredentialsError (as a rejection) when nothing is configured.
 */
export function credentialsNow<T>(source: CredentialSource<T> | undefined, kind: CredentialKind<T>): T | Promise<T> {
  if (source !== undefined && source !== null && typeof source !== "function") return source as T;
  return credentialsFor(source, kind);
}

/** The secret and the token of `credentials` (to remove from vendor text), and its key id (to mask). */
export function secretsOf<T>(credentials: T, kind: CredentialKind<T>): CredentialSecrets {
  const text = (k: keyof T) => {
    const v = credentials[k];
    return typeof v === "string" ? v : undefined;
  };
  return { secrets: [text(kind.fields.secret), text(kind.fields.token)], ids: [text(kind.fields.id)] };
}

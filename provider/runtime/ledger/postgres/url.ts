// A postgres:// ledger URL: what the client connects with, what may be shown, and what must never be shown.
import { LedgerError } from "../ledger";

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

/** A postgres:// ledger URL, split into what the client connects with and what may be shown. */
export interface PostgresLedgerUrl {
  /** The URL without the ledger's own query parameters, for the client. */
  readonly connectionString: string;
  /** `?schema=`: the schema holding the ledger's tables (default: the role's current schema). */
  readonly schema: string | undefined;
  /** `postgres://user@host:port/database[?schema=…]`: no password, no other parameters. */
  readonly display: string;
  /** Secrets that must never appear in a message (the password, in the URL or as `?password=`). */
  readonly secrets: readonly string[];
}

/**
 * Splits a ledger URL. Only `schema` is the ledger's own parameter; the rest (sslmode, options, …) go to the
 * client as they are.
 * @throws LedgerError for a malformed URL or schema name (the message never holds the password).
 */
export function parsePostgresLedgerUrl(url: string): PostgresLedgerUrl {
  const m = /^(postgres(?:ql)?):\/\/([^?#]*)(?:\?([^#]*))?$/i.exec(url.trim());
  if (!m) throw new LedgerError("aigc:ledger is not a postgres://user@host:port/database URL");
  const [, scheme, rest = "", query = ""] = m;
  // The user info ends at the last "@": a password may hold "@" or ":" unencoded.
  const at = rest.lastIndexOf("@");
  const userInfo = at >= 0 ? rest.slice(0, at) : "";
  const hostAndPath = at >= 0 ? rest.slice(at + 1) : rest;
  const colon = userInfo.indexOf(":");
  const user = colon >= 0 ? userInfo.slice(0, colon) : userInfo;
  const rawPassword = colon >= 0 ? userInfo.slice(colon + 1) : "";
  const params = new URLSearchParams(query);
  const secrets = [rawPassword, safeDecode(rawPassword), params.get("password") ?? ""].filter((s) => s.length >= 3);
  const schema = params.get("schema") ?? undefined;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new LedgerError(`aigc:ledger: ?schema=${JSON.stringify(schema)} is not a plain PostgreSQL identifier`);
  }
  params.delete("schema");
  const others = params.toString();
  const slash = hostAndPath.indexOf("/");
  const host = slash >= 0 ? hostAndPath.slice(0, slash) : hostAndPath;
  const database = slash >= 0 ? hostAndPath.slice(slash + 1) : "";
  return {
    connectionString: `${scheme}://${rest}${others ? `?${others}` : ""}`,
    schema,
    display: `${scheme}://${user ? `${safeDecode(user)}@` : ""}${host}/${safeDecode(database)}${
      schema ? `?schema=${schema}` : ""
    }`,
    secrets,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

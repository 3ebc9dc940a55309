import { isIP } from "node:net";
import { ConfigurationError } from "./errors";

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts a plain-http endpoint may name. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

/**
 * An endpoint as a refusal quotes it: its user info (a proxy's password) and its query (a gateway's token) are
 * credentials, and refusals reach the console and CI logs, so both are replaced (as ledger URLs are redacted).
 */
function shown(endpoint: string): string {
  const text = endpoint.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, "$1***@").replace(/\?[^#]*/, "?<redacted>");
  return JSON.stringify(text);
}

/**
 * Parses a client endpoint: a bare host (`vod.tencentcloudapi.com`, https implied), an https URL, or an
 * http URL on a loopback address (the emulator). Returns the origin URL.
 * @throws ConfigurationError for anything else (http to a remote host would send signed requests in clear).
 */
export function parseEndpoint(endpoint: string, option = "endpoint"): URL {
  const text = endpoint.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new ConfigurationError(`${option} must be a host name or an http(s) URL (got ${shown(endpoint)})`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError(`${option} must use https (got ${shown(endpoint)})`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new ConfigurationError(
      `${option} may use plain http only on a loopback address such as 127.0.0.1 ` +
        `(got ${shown(endpoint)}); use https`,
    );
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.username || url.password) {
    throw new ConfigurationError(
      `${option} must be an origin without path, query or user info (got ${shown(endpoint)})`,
    );
  }
  return new URL(url.origin);
}

/** The environment variable that points every client without an `endpoint` option at one endpoint. */
export const ENDPOINT_ENV = "PULUMI_AIGC_ENDPOINT";

/**
 * A client's endpoint, read once at construction: its `endpoint` option, else `PULUMI_AIGC_ENDPOINT` (the
 * variable the provider reads too, so one setting points a program and its scripts at the emulator), else the
 * vendor's public endpoint, which `publicEndpoint` computes only when it is needed (it may refuse a region).
 * @throws ConfigurationError for a bad option or variable (the message names which), or from `publicEndpoint`.
 */
export function clientEndpoint(
  option: string | undefined,
  publicEndpoint: () => string,
  env: NodeJS.ProcessEnv = process.env,
): URL {
  if (option !== undefined) return parseEndpoint(option);
  const fromEnv = env[ENDPOINT_ENV]?.trim();
  if (fromEnv) return parseEndpoint(fromEnv, ENDPOINT_ENV);
  return parseEndpoint(publicEndpoint());
}

/** What the sdk knows about the exchange that produced a response (after retries). */
export interface ResponseMetadata {
  /** The vendor's RequestId of the answer that was used (from the body, or the x-acs-request-id header). */
  readonly requestId: string | undefined;
  /** Requests sent for this call: 1 plus the retries. */
  readonly attempts: number;
  /** Wall time of the whole call in ms: rate-limit waits, every attempt and the pauses between them. */
  readonly elapsedMs: number;
  /** HTTP status of the answer that was used. */
  readonly httpStatus: number | undefined;
}

/** A response that carries `$metadata`. It is non-enumerable: JSON, spreads and deep equality do not see it. */
export interface MetadataBearer {
  readonly $metadata: ResponseMetadata;
}

/** A response type with its `$metadata`. Every client method that makes one vendor call returns one. */
export type WithMetadata<T> = T & MetadataBearer;

/**
 * Attaches `metadata` to `value` as a non-enumerable, read-only `$metadata` property and returns `value`.
 * Primitives cannot carry it and are returned as they are (no response schema produces one).
 */
export function withMetadata<T>(value: T, metadata: ResponseMetadata): WithMetadata<T> {
  if (value !== null && (typeof value === "object" || typeof value === "function")) {
    Object.defineProperty(value, "$metadata", { value: metadata, enumerable: false, configurable: true });
  }
  return value as WithMetadata<T>;
}

/** The `$metadata` of a response, or undefined for a value that does not carry one. */
export function metadataOf(value: unknown): ResponseMetadata | undefined {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  return (value as Partial<MetadataBearer>).$metadata;
}

/**
 * The metadata of a result assembled from several calls (pages, chunks): the last call's RequestId and
 * status, the attempts and time of all of them.
 */
export function combineMetadata(parts: readonly ResponseMetadata[]): ResponseMetadata {
  const last = parts[parts.length - 1];
  return {
    requestId: last?.requestId,
    attempts: parts.reduce((n, p) => n + p.attempts, 0),
    elapsedMs: parts.reduce((n, p) => n + p.elapsedMs, 0),
    httpStatus: last?.httpStatus,
  };
}

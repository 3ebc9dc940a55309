/** A request as the emulator's HTTP server received it. Header names are lower-case. */
export interface IncomingRequest {
  readonly method: string;
  /** Still percent-encoded as received, e.g. "/" or "/api/v1/personalizedtxt2img/addInferenceJob". */
  readonly pathname: string;
  /** The query string as received, without "?" ("" if none). */
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Exact bytes received: signatures cover these, never a re-serialisation. */
  readonly body: Buffer;
}

/** Outcome of verifying a signature. On failure: the vendor's own error code, message and HTTP status. */
export type AuthResult =
  | { readonly ok: true; readonly accessKeyId: string; readonly token?: string | undefined }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly httpStatus: number };

/** Looks up the secret (and optional expected STS token) for a key id; undefined when the key is unknown. */
export type SecretLookup = (
  keyId: string,
) => { readonly secret: string; readonly token?: string | undefined } | undefined;

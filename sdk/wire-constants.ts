/**
 * Wire constants both sides of the HTTP exchange agree on by definition: the API versions the vendors
 * publish. The emulator may import this file (and nothing else of the sdk): it keeps its own request
 * rules, so that a wrong rule in the sdk cannot hide behind an emulator that judges with the same code.
 */

/** Tencent Cloud VOD API version, sent in `X-TC-Version`. */
export const TENCENT_VOD_VERSION = "2018-07-17";

/** Alibaba wire versions: RPC `Version` / `x-acs-version`. aicontent sends its version without dashes. */
export const ALIBABA_VERSIONS = { vod: "2017-03-21", ice: "2020-11-09", aicontent: "20240611" } as const;

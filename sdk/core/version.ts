/** This package's version; a unit test keeps it equal to package.json. */
export const SDK_VERSION = "0.1.0";

/** Sent as User-Agent (and Tencent's X-TC-RequestClient). */
export const SDK_USER_AGENT = `pulumi-aigc/${SDK_VERSION}`;

/**
 * pulumi-aigc/sdk: typed clients for the Tencent Cloud VOD and Alibaba Cloud AI media APIs, usable from
 * plain scripts without Pulumi.
 */
export * from "./core/errors";

// How long Tencent VOD remembers a SessionId: docs/vendor-notes/tencent-vod-session-dedup-window.md.

/**
 * How long Tencent VOD refuses a repeated SessionId (`InvalidParameterValue.SessionId`). The Create APIs' request
 * pages say "within the past three days"; the task models' field texts say seven. Three is the one a client can
 * rely on, counted from the first request that used the SessionId (the pages do not say whether a repeat renews
 * it): after it, a repeat may be accepted and paid again.
 */
export const SESSION_ID_DEDUP_WINDOW_MS = 3 * 86_400_000;

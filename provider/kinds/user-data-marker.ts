/** The field the provider adds to a job's UserData so that the job can be found again. */
export const MARKER_FIELD = "pulumiAigcKey";

/**
 * Adds the marker to a UserData JSON object (at `path`, e.g. VOD's `Extend`). Returns undefined when the
 * user's UserData is not a JSON object: it is then sent as given, without a marker.
 */
export function withMarker(userData: unknown, key: string, path: readonly string[] = []): string | undefined {
  let root: Record<string, unknown>;
  if (userData === undefined || userData === "") root = {};
  else if (typeof userData === "string") {
    try {
      const parsed = JSON.parse(userData);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
      root = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  } else return undefined;
  let target = root;
  for (const p of path) {
    const next = target[p];
    target = target[p] =
      next !== null && typeof next === "object" && !Array.isArray(next) ? { ...(next as object) } : {};
  }
  target[MARKER_FIELD] = key;
  return JSON.stringify(root);
}

/** The owned-field declaration of the marker at `path` inside UserData: a user value there is refused. */
export function markerOwnedField(path: readonly string[] = []) {
  return {
    path: [...path, MARKER_FIELD],
    reason:
      "is set by the provider: it marks the job with the resource's idempotency key so that it can be found " +
      "again; remove it",
  };
}

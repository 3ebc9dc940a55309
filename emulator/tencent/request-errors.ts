import type { z } from "zod";
import { TencentApiError } from "./envelope";

/** Fields that are JSON text on the wire: a JSON object there is a type error for Tencent. */
const JSON_STRING_FIELDS = ["ElementImageList", "ElementVideoList", "TagList"];

/** Tencent's answer to a body whose JSON-string fields are not strings. */
export function checkWireTypes(body: Record<string, unknown>): void {
  for (const f of JSON_STRING_FIELDS) {
    if (f in body && typeof body[f] !== "string")
      throw new TencentApiError("InvalidParameter", `The parameter \`${f}\` must be a string.`);
  }
}

/**
 * Maps the first schema failure onto Tencent's codes (validation order from tencent-vod.md §12.4):
 * unknown key → UnknownParameter; missing → MissingParameter; wrong JSON type → InvalidParameter;
 * SessionId/SessionContext too long → their own codes; any other value → InvalidParameterValue.
 */
export function tencentValidationError(issues: readonly z.core.$ZodIssue[]): TencentApiError {
  const rank = (i: z.core.$ZodIssue) =>
    i.code === "unrecognized_keys"
      ? 0
      : i.code === "invalid_type" && i.input === undefined
        ? 1
        : i.code === "invalid_type"
          ? 2
          : 3;
  const issue = [...issues].sort((a, b) => rank(a) - rank(b))[0]!;
  const field = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    return new TencentApiError(
      "UnknownParameter",
      `The parameter \`${[...issue.path.map(String), issue.keys[0]].join(".")}\` is not recognized.`,
    );
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return new TencentApiError("MissingParameter", `The request is missing a required parameter \`${field}\`.`);
  }
  if (issue.code === "invalid_type")
    return new TencentApiError("InvalidParameter", `The parameter \`${field}\` has an invalid type.`);
  const last = String(issue.path[issue.path.length - 1] ?? "");
  if (issue.code === "too_big" && last === "SessionId") {
    return new TencentApiError("InvalidParameterValue.SessionIdTooLong", "The SessionId is longer than 50 characters.");
  }
  if (issue.code === "too_big" && last === "SessionContext") {
    return new TencentApiError(
      "InvalidParameterValue.SessionContextTooLong",
      "The SessionContext is longer than 1000 characters.",
    );
  }
  return new TencentApiError(
    "InvalidParameterValue",
    `The value of parameter \`${field}\` is invalid: ${issue.message}`,
  );
}

import { pathText } from "../validation/request-validator";
import type { Violation } from "../validation/rules";
import { TencentApiError } from "./envelope";

/**
 * Tencent's answer to the first broken rule (docs/vendor-notes/tencent-vod.md, "Validation order"): an unknown
 * key is UnknownParameter, a missing one MissingParameter, a wrong JSON type InvalidParameter, and a bad value
 * InvalidParameterValue or the field's documented sub-code (SessionIdTooLong, SessionContextTooLong, Status...).
 */
export function tencentValidationError(v: Violation): TencentApiError {
  const field = pathText(v.path);
  switch (v.kind) {
    case "unknown":
      return new TencentApiError("UnknownParameter", `The parameter \`${field}\` is not recognized.`);
    case "missing":
      return new TencentApiError("MissingParameter", `The request is missing a required parameter \`${field}\`.`);
    case "type":
      return new TencentApiError("InvalidParameter", `The parameter \`${field}\` has an invalid type: ${v.rule}.`);
    case "value":
      return new TencentApiError(
        v.code ?? "InvalidParameterValue",
        `The value of parameter \`${field}\` is invalid: ${v.rule}.`,
      );
  }
}

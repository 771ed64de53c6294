import { evidenceLimits, identifierPattern, lotteryLimits } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { fieldError } from "./errors.ts";
import { evidenceModuleLimits } from "./limits.ts";

/** Schema pieces shared by the module's transaction types and queries. */
export const hashHex = Type.String({ pattern: "^[0-9a-f]{64}$", description: "a 32-byte hash as 64 lower-case hex digits" });
export const address = Type.String({ pattern: "^[0-9a-f]{40}$", description: "40 hex digits" });
export const sessionId = Type.String({ pattern: identifierPattern.source, minLength: 1, maxLength: evidenceLimits.sessionIdLengthMax });
export const drawId = Type.String({ pattern: identifierPattern.source, minLength: 1, maxLength: lotteryLimits.drawIdLengthMax });
export const millisecondsSinceEpoch = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** A query-string parameter holding a whole number (parameters arrive as text). */
export const digits = (description: string) => integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, description);

/** A page's `limit` parameter; a list serves at most its own page size, whatever is asked. */
export const pageLimit = (description: string) => integerParameter({ minimum: 1, maximum: 9_999 }, description);

/** RFC 6838 restricted names, lower case, no parameters: "video/mp4", "application/pdf". */
const mediaTypePattern = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;
// C0 and C1 control characters and DEL (Unicode category Cc).
const controlCharacterPattern = /\p{Cc}/u;

/**
 * Free text (titles, case numbers, tags) is kept as given, but never with control characters or
 * surrounding white space, so that two records that look the same are the same.
 */
export function requireText(field: string, value: string, lengthMax: number, allowEmpty: boolean): void {
  if (value.length === 0) {
    if (allowEmpty) return;
    throw fieldError(field, "must not be empty");
  }
  if (value.length > lengthMax) throw fieldError(field, `must be at most ${lengthMax} characters`);
  if (controlCharacterPattern.test(value)) throw fieldError(field, "must not contain control characters");
  if (value.trim() !== value) throw fieldError(field, "must not start or end with white space");
}

export function requireMediaType(value: string): void {
  if (value.length > evidenceModuleLimits.mediaTypeLengthMax || !mediaTypePattern.test(value)) {
    throw fieldError("mediaType", 'must be a lower-case media type such as "video/mp4" or "application/octet-stream", without parameters');
  }
}

export function requireTags(tags: readonly string[]): void {
  tags.forEach((tag, index) => requireText(`tags[${index}]`, tag, evidenceModuleLimits.tagLengthMax, false));
  const repeated = tags.find((tag, index) => tags.indexOf(tag) !== index);
  if (repeated !== undefined) throw fieldError("tags", `lists "${repeated}" twice`);
}

export function requireCaseNumber(caseNumber: string): void {
  requireText("caseNumber", caseNumber, evidenceModuleLimits.caseNumberLengthMax, true);
}

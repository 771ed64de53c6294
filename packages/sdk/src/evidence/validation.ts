import { identifierPattern } from "@kexin/core";
import { invalidParameter } from "../errors.ts";
import { evidenceLimits } from "./types.ts";

/** Checks of the evidence builders, the same the node applies (docs/api.md, "evidence"). */

const mediaTypePattern = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;
// C0 and C1 control characters and DEL (Unicode category Cc).
const controlCharacterPattern = /\p{Cc}/u;
const identifierLengthMax = 128;

export function requireFreeText(context: string, parameter: string, value: unknown, lengthMax: number, allowEmpty: boolean): string {
  if (typeof value !== "string") throw invalidParameter(context, parameter, `must be a string, got ${typeof value}`);
  if (value.length === 0 && !allowEmpty) throw invalidParameter(context, parameter, "must not be empty");
  if (value.length > lengthMax) throw invalidParameter(context, parameter, `must be at most ${lengthMax} characters, got ${value.length}`);
  if (controlCharacterPattern.test(value)) throw invalidParameter(context, parameter, "must not contain control characters (line breaks, tabs, …)");
  if (value.trim() !== value) throw invalidParameter(context, parameter, "must not start or end with white space");
  return value;
}

export function requireMediaType(context: string, value: unknown): string {
  if (typeof value !== "string" || !mediaTypePattern.test(value)) {
    throw invalidParameter(context, "mediaType", `must be a lower-case media type such as "video/mp4", without parameters, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requireTags(context: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw invalidParameter(context, "tags", "must be an array of strings");
  if (value.length > evidenceLimits.tagsMax) throw invalidParameter(context, "tags", `must hold at most ${evidenceLimits.tagsMax} tags, got ${value.length}`);
  const tags = value.map((tag: unknown, index) => requireFreeText(context, `tags[${index}]`, tag, evidenceLimits.tagLengthMax, false));
  const repeated = tags.find((tag, index) => tags.indexOf(tag) !== index);
  if (repeated !== undefined) throw invalidParameter(context, "tags", `lists "${repeated}" twice`);
  return tags;
}

/** Session and draw ids: printable ASCII, so that every implementation encodes them alike. */
export function requireIdentifier(context: string, parameter: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > identifierLengthMax || !identifierPattern.test(value)) {
    throw invalidParameter(context, parameter, `must be 1 to ${identifierLengthMax} letters, digits, ".", "_", ":" or "-", starting with a letter or digit, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requireMilliseconds(context: string, parameter: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalidParameter(context, parameter, `must be a whole number of milliseconds since the Unix epoch, got ${String(value)}`);
  }
  return value;
}

import { TraceError } from "./errors.ts";
import { traceLimits } from "./limits.ts";

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Assigns without ever invoking the `__proto__` setter, which a JSON key may name. */
export function setOwnProperty(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function cloneJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const [key, item] of Object.entries(value)) setOwnProperty(copy, key, cloneJson(item));
    return copy;
  }
  return value;
}

export function utf8LengthBytes(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      length += 4;
      index++;
    } else length += 3;
  }
  return length;
}

function tooLarge(limit: string, size: number, sizeMax: number): TraceError {
  return new TraceError({ code: "EPCIS_TOO_LARGE", limit, size, sizeMax }, `EPCIS input exceeds ${limit}: ${size} > ${sizeMax}`);
}

function notJson(reason: string): TraceError {
  return new TraceError({ code: "EPCIS_MALFORMED_JSON", reason }, `EPCIS input is not JSON: ${reason}`);
}

/**
 * Walks a value iteratively and refuses it when it is not plain JSON or breaks a bound. Objects
 * handed in by a caller may be cyclic; the depth bound stops those too.
 */
export function checkJsonBounds(root: unknown): asserts root is JsonValue {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  let values = 0;
  let estimatedBytes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    values++;
    if (values > traceLimits.jsonValuesMax) throw tooLarge("jsonValuesMax", values, traceLimits.jsonValuesMax);
    if (depth > traceLimits.jsonDepthMax) throw tooLarge("jsonDepthMax", depth, traceLimits.jsonDepthMax);
    estimatedBytes += 8;
    if (value === null || typeof value === "boolean") continue;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw notJson(`non-finite number ${value}`);
      continue;
    }
    if (typeof value === "string") {
      if (value.length > traceLimits.jsonStringLengthMax) throw tooLarge("jsonStringLengthMax", value.length, traceLimits.jsonStringLengthMax);
      estimatedBytes += value.length;
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length > traceLimits.jsonArrayItemsMax) throw tooLarge("jsonArrayItemsMax", value.length, traceLimits.jsonArrayItemsMax);
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    if (isJsonObject(value)) {
      const keys = Object.keys(value);
      if (keys.length > traceLimits.jsonObjectKeysMax) throw tooLarge("jsonObjectKeysMax", keys.length, traceLimits.jsonObjectKeysMax);
      for (const key of keys) {
        if (key.length > traceLimits.jsonStringLengthMax) throw tooLarge("jsonStringLengthMax", key.length, traceLimits.jsonStringLengthMax);
        estimatedBytes += key.length;
        stack.push({ value: value[key], depth: depth + 1 });
      }
      continue;
    }
    throw notJson(`a ${typeof value} is not a JSON value`);
  }
  if (estimatedBytes > traceLimits.epcisDocumentBytesMax) throw tooLarge("epcisDocumentBytesMax", estimatedBytes, traceLimits.epcisDocumentBytesMax);
}

/** Accepts JSON text or an already parsed value and returns a bounded JSON value. */
export function readJsonInput(input: unknown): JsonValue {
  if (typeof input === "string") {
    const sizeBytes = input.length * 3 <= traceLimits.epcisDocumentBytesMax ? input.length : utf8LengthBytes(input);
    if (sizeBytes > traceLimits.epcisDocumentBytesMax) throw tooLarge("epcisDocumentBytesMax", sizeBytes, traceLimits.epcisDocumentBytesMax);
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch (error) {
      throw notJson(error instanceof Error ? error.message : String(error));
    }
    checkJsonBounds(parsed);
    return parsed;
  }
  checkJsonBounds(input);
  return input;
}

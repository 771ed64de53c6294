import { cbvVocabularies, normalizeCbvValue } from "./cbv.ts";
import type { CbvVocabulary } from "./cbv.ts";
import { at, checkDeclaredName, checkNestedNames, classifyName, describeJson, itemAt } from "./epcis-context.ts";
import type { Scope } from "./epcis-context.ts";
import { isEpcisTimestamp } from "./epcis-time.ts";
import type {
  BusinessTransaction,
  DestinationElement,
  EpcisLocation,
  ErrorDeclaration,
  PersistentDisposition,
  QuantityElement,
  SourceElement,
} from "./epcis-types.ts";
import { cloneJson, isJsonObject, setOwnProperty } from "./json.ts";
import type { JsonObject, JsonValue } from "./json.ts";
import { isAbsoluteUri } from "./uri.ts";

/*
 * Readers return the normalised value, or undefined after recording why the input is wrong.
 * A field that is absent is not an error here; callers decide what is required.
 */

const unitOfMeasurePattern = /^[A-Z0-9]{2,3}$/;
const hexBinaryPattern = /^[A-Fa-f0-9]+$/;

export function assignDefined<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

export function readString(scope: Scope, value: JsonValue | undefined, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && value.length > 0) return value;
  scope.issues.add("EPCIS_BAD_VALUE", path, `must be a non-empty string, got ${describeJson(value)}`);
  return undefined;
}

export function readUri(scope: Scope, value: JsonValue | undefined, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && isAbsoluteUri(value)) return value;
  scope.issues.add("EPCIS_BAD_VALUE", path, `must be an absolute URI, got ${describeJson(value)}`);
  return undefined;
}

export function readTime(scope: Scope, value: JsonValue | undefined, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && isEpcisTimestamp(value)) return value;
  scope.issues.add(
    "EPCIS_BAD_TIME",
    path,
    `must be an ISO 8601 date-time with seconds and a UTC offset, such as 2026-07-22T06:45:00+02:00; got ${describeJson(value)}`,
  );
  return undefined;
}

export function readNumber(scope: Scope, value: JsonValue | undefined, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number") return value;
  scope.issues.add("EPCIS_BAD_VALUE", path, `must be a JSON number, got ${describeJson(value)}`);
  return undefined;
}

export function readBoolean(scope: Scope, value: JsonValue | undefined, path: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "boolean") return value;
  scope.issues.add("EPCIS_BAD_VALUE", path, `must be true or false, got ${describeJson(value)}`);
  return undefined;
}

export function readUnitOfMeasure(scope: Scope, value: JsonValue | undefined, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && unitOfMeasurePattern.test(value)) return value;
  scope.issues.add("EPCIS_BAD_VALUE", path, `must be a UN/CEFACT Recommendation 20 unit code (2 or 3 capitals or digits), got ${describeJson(value)}`);
  return undefined;
}

export function readHexBinary(scope: Scope, value: JsonValue | undefined, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && hexBinaryPattern.test(value)) return value;
  scope.issues.add("EPCIS_BAD_VALUE", path, `must be hexadecimal digits, got ${describeJson(value)}`);
  return undefined;
}

/** A term such as a measurement type: a bare word, a prefixed name or a URI, without spaces. */
export function readTerm(scope: Scope, value: JsonValue | undefined, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && /^[^\s]+$/.test(value)) return value;
  scope.issues.add("EPCIS_BAD_VALUE", path, `must be a term or URI without spaces, got ${describeJson(value)}`);
  return undefined;
}

export function readVocabulary(scope: Scope, vocabulary: CbvVocabulary, value: JsonValue | undefined, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    scope.issues.add("EPCIS_BAD_VALUE", path, `must be a CBV ${vocabulary.name} or a URI, got ${describeJson(value)}`);
    return undefined;
  }
  const normalized = normalizeCbvValue(vocabulary, value);
  if (normalized.ok) return normalized.value;
  scope.issues.add("EPCIS_NON_STANDARD_VOCABULARY", path, normalized.reason);
  return undefined;
}

export function readArray(scope: Scope, value: JsonValue | undefined, path: string, minimumItems = 0): JsonValue[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    scope.issues.add("EPCIS_BAD_VALUE", path, `must be an array, got ${describeJson(value)}`);
    return undefined;
  }
  if (value.length < minimumItems) {
    scope.issues.add("EPCIS_BAD_VALUE", path, `must have at least ${minimumItems} item${minimumItems === 1 ? "" : "s"}`);
    return undefined;
  }
  return value;
}

export function readObject(scope: Scope, value: JsonValue | undefined, path: string): JsonObject | undefined {
  if (value === undefined) return undefined;
  if (isJsonObject(value)) return value;
  scope.issues.add("EPCIS_BAD_VALUE", path, `must be an object, got ${describeJson(value)}`);
  return undefined;
}

export function readUriList(scope: Scope, value: JsonValue | undefined, path: string, minimumItems = 0): string[] | undefined {
  const items = readArray(scope, value, path, minimumItems);
  if (items === undefined) return undefined;
  const uris: string[] = [];
  items.forEach((item, index) => {
    const uri = readUri(scope, item, itemAt(path, index));
    if (uri !== undefined) uris.push(uri);
  });
  return uris;
}

export function readVocabularyList(scope: Scope, vocabulary: CbvVocabulary, value: JsonValue | undefined, path: string): string[] | undefined {
  const items = readArray(scope, value, path);
  if (items === undefined) return undefined;
  const words: string[] = [];
  items.forEach((item, index) => {
    const word = readVocabulary(scope, vocabulary, item, itemAt(path, index));
    if (word !== undefined) words.push(word);
  });
  return words;
}

export function requireField(scope: Scope, object: JsonObject, key: string, path: string, why: string): JsonValue | undefined {
  const value = object[key];
  if (value === undefined) scope.issues.add("EPCIS_MISSING_FIELD", at(path, key), `missing; ${why}`);
  return value;
}

/**
 * Reports every field that is neither standard here nor a namespaced extension, and returns the
 * extensions as written. `extensible` is false where EPCIS forbids additional properties.
 */
export function readExtensions(
  scope: Scope,
  object: JsonObject,
  path: string,
  standard: ReadonlySet<string>,
  where: string,
  extensible: boolean,
): JsonObject | undefined {
  let extensions: JsonObject | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (standard.has(key)) continue;
    const kind = classifyName(key);
    if (!extensible || kind === "plain") {
      const allowed = [...standard].filter((name) => !name.startsWith("@")).join(", ");
      const hint = extensible ? `; an extension field needs a namespace prefix declared in @context, such as example:${key}` : ` (allowed: ${allowed})`;
      scope.issues.add("EPCIS_UNKNOWN_FIELD", at(path, key), `unknown field in ${where}${hint}`);
      continue;
    }
    checkDeclaredName(scope, key, at(path, key));
    checkNestedNames(scope, value, at(path, key));
    extensions ??= {};
    setOwnProperty(extensions, key, cloneJson(value));
  }
  return extensions;
}

const quantityFields = new Set(["epcClass", "quantity", "uom"]);

export function readQuantityList(scope: Scope, value: JsonValue | undefined, path: string): QuantityElement[] | undefined {
  const items = readArray(scope, value, path);
  if (items === undefined) return undefined;
  const elements: QuantityElement[] = [];
  items.forEach((item, index) => {
    const itemPath = itemAt(path, index);
    const object = readObject(scope, item, itemPath);
    if (object === undefined) return;
    readExtensions(scope, object, itemPath, quantityFields, "a quantity element", false);
    const epcClass = readUri(scope, requireField(scope, object, "epcClass", itemPath, "a quantity element names its class"), at(itemPath, "epcClass"));
    const quantity = readNumber(scope, object.quantity, at(itemPath, "quantity"));
    if (quantity !== undefined && quantity < 0) scope.issues.add("EPCIS_BAD_VALUE", at(itemPath, "quantity"), `must not be negative, got ${quantity}`);
    const uom = readUnitOfMeasure(scope, object.uom, at(itemPath, "uom"));
    if (epcClass === undefined) return;
    const element: QuantityElement = { epcClass };
    assignDefined(element, "quantity", quantity);
    assignDefined(element, "uom", uom);
    elements.push(element);
  });
  return elements;
}

const businessTransactionFields = new Set(["type", "bizTransaction"]);

export function readBusinessTransactionList(scope: Scope, value: JsonValue | undefined, path: string, minimumItems = 0): BusinessTransaction[] | undefined {
  const items = readArray(scope, value, path, minimumItems);
  if (items === undefined) return undefined;
  const transactions: BusinessTransaction[] = [];
  items.forEach((item, index) => {
    const itemPath = itemAt(path, index);
    const object = readObject(scope, item, itemPath);
    if (object === undefined) return;
    readExtensions(scope, object, itemPath, businessTransactionFields, "a business transaction", false);
    const referenceValue = requireField(scope, object, "bizTransaction", itemPath, "a business transaction needs its identifier");
    const reference = readUri(scope, referenceValue, at(itemPath, "bizTransaction"));
    const type = readVocabulary(scope, cbvVocabularies.businessTransactionType, object.type, at(itemPath, "type"));
    if (reference === undefined) return;
    const transaction: BusinessTransaction = { bizTransaction: reference };
    assignDefined(transaction, "type", type);
    transactions.push(transaction);
  });
  return transactions;
}

function readPartyList<T>(
  scope: Scope,
  value: JsonValue | undefined,
  path: string,
  field: "source" | "destination",
  build: (type: string, party: string) => T,
): T[] | undefined {
  const items = readArray(scope, value, path);
  if (items === undefined) return undefined;
  const standard = new Set(["type", field]);
  const elements: T[] = [];
  items.forEach((item, index) => {
    const itemPath = itemAt(path, index);
    const object = readObject(scope, item, itemPath);
    if (object === undefined) return;
    readExtensions(scope, object, itemPath, standard, `a ${field}`, false);
    const typeValue = requireField(scope, object, "type", itemPath, `a ${field} needs its type`);
    const type = readVocabulary(scope, cbvVocabularies.sourceDestinationType, typeValue, at(itemPath, "type"));
    const party = readUri(scope, requireField(scope, object, field, itemPath, `a ${field} needs its identifier`), at(itemPath, field));
    if (type !== undefined && party !== undefined) elements.push(build(type, party));
  });
  return elements;
}

export function readSourceList(scope: Scope, value: JsonValue | undefined, path: string): SourceElement[] | undefined {
  return readPartyList(scope, value, path, "source", (type, source) => ({ type, source }));
}

export function readDestinationList(scope: Scope, value: JsonValue | undefined, path: string): DestinationElement[] | undefined {
  return readPartyList(scope, value, path, "destination", (type, destination) => ({ type, destination }));
}

const locationFields = new Set(["id"]);

export function readLocation(scope: Scope, value: JsonValue | undefined, path: string): EpcisLocation | undefined {
  const object = readObject(scope, value, path);
  if (object === undefined) return undefined;
  const extensions = readExtensions(scope, object, path, locationFields, "a location", true);
  const id = readUri(scope, requireField(scope, object, "id", path, "a location is identified by its id"), at(path, "id"));
  if (id === undefined) return undefined;
  const location: EpcisLocation = { id };
  assignDefined(location, "extensions", extensions);
  return location;
}

const persistentDispositionFields = new Set(["set", "unset"]);

export function readPersistentDisposition(scope: Scope, value: JsonValue | undefined, path: string): PersistentDisposition | undefined {
  const object = readObject(scope, value, path);
  if (object === undefined) return undefined;
  readExtensions(scope, object, path, persistentDispositionFields, "persistentDisposition", false);
  const result: PersistentDisposition = {};
  assignDefined(result, "set", readVocabularyList(scope, cbvVocabularies.disposition, object.set, at(path, "set")));
  assignDefined(result, "unset", readVocabularyList(scope, cbvVocabularies.disposition, object.unset, at(path, "unset")));
  return result;
}

const errorDeclarationFields = new Set(["declarationTime", "reason", "correctiveEventIDs"]);

export function readErrorDeclaration(scope: Scope, value: JsonValue | undefined, path: string): ErrorDeclaration | undefined {
  const object = readObject(scope, value, path);
  if (object === undefined) return undefined;
  const extensions = readExtensions(scope, object, path, errorDeclarationFields, "errorDeclaration", true);
  const timeValue = requireField(scope, object, "declarationTime", path, "an error declaration says when it was made");
  const declarationTime = readTime(scope, timeValue, at(path, "declarationTime"));
  const reason = readVocabulary(scope, cbvVocabularies.errorReason, object.reason, at(path, "reason"));
  const correctiveEventIDs = readUriList(scope, object.correctiveEventIDs, at(path, "correctiveEventIDs"));
  if (declarationTime === undefined) return undefined;
  const declaration: ErrorDeclaration = { declarationTime };
  assignDefined(declaration, "reason", reason);
  assignDefined(declaration, "correctiveEventIDs", correctiveEventIDs);
  assignDefined(declaration, "extensions", extensions);
  return declaration;
}

/** certificationInfo: one URI or a non-empty list of URIs referring to certification details. */
export function readCertificationInfo(scope: Scope, value: JsonValue | undefined, path: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") {
    const uri = readUri(scope, value, path);
    return uri === undefined ? undefined : [uri];
  }
  if (!Array.isArray(value)) {
    scope.issues.add("EPCIS_BAD_VALUE", path, `must be a URI or a list of URIs referring to certification details, got ${describeJson(value)}`);
    return undefined;
  }
  if (value.length === 0) {
    scope.issues.add("EPCIS_BAD_VALUE", path, "must not be an empty list");
    return undefined;
  }
  const uris: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === "string" && isAbsoluteUri(item)) uris.push(item);
    else scope.issues.add("EPCIS_BAD_VALUE", itemAt(path, index), `must be a URI referring to certification details, got ${describeJson(item)}`);
  });
  return uris;
}

/** ILMD fields are all extensions: each must carry a declared namespace prefix. */
export function readIlmd(scope: Scope, value: JsonValue | undefined, path: string): JsonObject | undefined {
  const object = readObject(scope, value, path);
  if (object === undefined) return undefined;
  for (const [key, item] of Object.entries(object)) {
    if (classifyName(key) === "plain") {
      scope.issues.add("EPCIS_UNKNOWN_FIELD", at(path, key), `ILMD fields must carry a namespace prefix declared in @context, such as example:${key}`);
      continue;
    }
    checkDeclaredName(scope, key, at(path, key));
    checkNestedNames(scope, item, at(path, key));
  }
  return cloneJson(object) as JsonObject;
}

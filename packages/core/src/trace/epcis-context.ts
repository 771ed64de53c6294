import type { EpcisIssue, EpcisIssueCode } from "./errors.ts";
import { isJsonObject } from "./json.ts";
import type { JsonObject, JsonValue } from "./json.ts";
import { traceLimits } from "./limits.ts";
import { isAbsoluteUri, leadingNamespacePrefix } from "./uri.ts";

/** The EPCIS 2.0 JSON-LD context, which every document and standalone event must reference. */
export const epcisContextUri = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";
const epcisContextPattern = /^https:\/\/ref\.gs1\.org\/standards\/epcis\/(?:[0-9]+\.[0-9]+\.[0-9]+\/)?epcis-context\.jsonld$/;

/** Prefixes the EPCIS context itself defines, usable without a declaration of one's own. */
export const standardContextPrefixes: ReadonlySet<string> = new Set(["epcis", "cbv", "cbvmda", "gs1", "rdf", "rdfs", "owl", "xsd", "dcterms"]);

/** Collects problems instead of stopping at the first, so one refusal lists everything to fix. */
export class IssueList {
  readonly issues: EpcisIssue[] = [];
  count = 0;

  add(code: EpcisIssueCode, path: string, message: string): void {
    this.count++;
    if (this.issues.length < traceLimits.epcisIssuesReportedMax) this.issues.push({ code, path, message });
  }
}

export interface Scope {
  /** Prefixes declared by @context objects in effect here, mapped to their IRIs. */
  readonly namespaces: ReadonlyMap<string, string>;
  readonly issues: IssueList;
}

export function at(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

export function itemAt(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function describeJson(value: JsonValue | undefined): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function readContextObject(definition: JsonObject, path: string, issues: IssueList, namespaces: Map<string, string>): void {
  for (const [term, value] of Object.entries(definition)) {
    if (term.startsWith("@")) continue;
    if (typeof value === "string") namespaces.set(term, value);
    else if (isJsonObject(value) && typeof value["@id"] === "string") namespaces.set(term, value["@id"]);
    else if (value === null) namespaces.delete(term);
    else if (!isJsonObject(value)) issues.add("EPCIS_BAD_VALUE", at(path, term), `a term definition must be an IRI string or an object, got ${describeJson(value)}`);
  }
}

/**
 * Reads an @context (a URI, an object of term definitions, or an array of both) on top of the
 * namespaces already in effect, and tells whether it references the EPCIS context.
 */
export function readContext(
  value: JsonValue,
  path: string,
  issues: IssueList,
  inherited: ReadonlyMap<string, string>,
): { namespaces: Map<string, string>; referencesEpcisContext: boolean } {
  const namespaces = new Map(inherited);
  let referencesEpcisContext = false;
  const entries = Array.isArray(value) ? value : [value];
  entries.forEach((entry, index) => {
    const entryPath = Array.isArray(value) ? itemAt(path, index) : path;
    if (typeof entry === "string") {
      if (epcisContextPattern.test(entry)) referencesEpcisContext = true;
      else if (!isAbsoluteUri(entry)) issues.add("EPCIS_BAD_VALUE", entryPath, `a context reference must be an absolute URI, got ${describeJson(entry)}`);
    } else if (isJsonObject(entry)) readContextObject(entry, entryPath, issues, namespaces);
    else issues.add("EPCIS_BAD_VALUE", entryPath, `a context entry must be a URI or an object of term definitions, got ${describeJson(entry)}`);
  });
  return { namespaces, referencesEpcisContext };
}

export type NameKind = "plain" | "namespaced" | "absolute";

/** A field name is namespaced (`example:myField`), an absolute IRI, or plain (a standard field or a mistake). */
export function classifyName(name: string): NameKind {
  if (leadingNamespacePrefix(name) !== undefined) return "namespaced";
  return name.includes(":") && isAbsoluteUri(name) ? "absolute" : "plain";
}

function isDeclaredPrefix(scope: Scope, prefix: string): boolean {
  return scope.namespaces.has(prefix) || standardContextPrefixes.has(prefix) || prefix === "urn";
}

/** Reports a namespaced name whose prefix no @context in scope declares. */
export function checkDeclaredName(scope: Scope, name: string, path: string): void {
  const prefix = leadingNamespacePrefix(name);
  if (prefix === undefined || isDeclaredPrefix(scope, prefix)) return;
  scope.issues.add("EPCIS_UNDECLARED_NAMESPACE", path, `namespace prefix '${prefix}' of '${name}' is not declared in @context`);
}

/** Checks every namespaced name nested inside an extension value. */
export function checkNestedNames(scope: Scope, value: JsonValue, path: string): void {
  if (Array.isArray(value)) value.forEach((item, index) => checkNestedNames(scope, item, itemAt(path, index)));
  else if (isJsonObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      checkDeclaredName(scope, key, at(path, key));
      checkNestedNames(scope, item, at(path, key));
    }
  }
}

/** Every prefix a key or string value starts with, anywhere inside `value`. */
export function collectMentionedPrefixes(value: JsonValue, into: Set<string>): Set<string> {
  const stack: JsonValue[] = [value];
  while (stack.length > 0) {
    const current = stack.pop() as JsonValue;
    if (typeof current === "string") {
      const prefix = leadingNamespacePrefix(current);
      if (prefix !== undefined) into.add(prefix);
    } else if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (isJsonObject(current)) {
      for (const [key, item] of Object.entries(current)) {
        const prefix = leadingNamespacePrefix(key);
        if (prefix !== undefined) into.add(prefix);
        stack.push(item);
      }
    }
  }
  return into;
}

/** The declared (non-standard) namespaces that `value` relies on, sorted by prefix. */
export function namespacesUsedBy(scope: Scope, value: JsonValue): Record<string, string> | undefined {
  const mentioned = [...collectMentionedPrefixes(value, new Set())].filter((prefix) => scope.namespaces.has(prefix)).sort();
  if (mentioned.length === 0) return undefined;
  const used: Record<string, string> = {};
  for (const prefix of mentioned) Object.defineProperty(used, prefix, { value: scope.namespaces.get(prefix), enumerable: true, writable: true, configurable: true });
  return used;
}

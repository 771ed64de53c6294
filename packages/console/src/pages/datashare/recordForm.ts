import { firstNonIntegerNumber } from "../../components/jsonNumbers.ts";

function parsedSchema(recordSchema: string): unknown {
  try {
    return JSON.parse(recordSchema) as unknown;
  } catch {
    return undefined;
  }
}

function propertiesOf(schema: unknown): Record<string, unknown> | undefined {
  const properties = schema !== null && typeof schema === "object" ? (schema as { properties?: unknown }).properties : undefined;
  return properties !== null && typeof properties === "object" && !Array.isArray(properties) ? (properties as Record<string, unknown>) : undefined;
}

/** The kinds of top-level property the record form offers a field for; anything else is typed as JSON. */
export type RecordFieldType = "string" | "integer" | "number" | "boolean";

export interface RecordField {
  readonly name: string;
  readonly type: RecordFieldType;
  readonly required: boolean;
}

/** The top-level property names of a record schema, in its order; none when it does not parse. */
export function schemaPropertyNames(recordSchema: string): readonly string[] {
  const properties = propertiesOf(parsedSchema(recordSchema));
  return properties === undefined ? [] : Object.keys(properties);
}

/** Why a record typed in the page cannot be sealed; the page words each kind in the reader's language. */
export type RecordProblem =
  | { readonly kind: "json"; readonly detail: string }
  | { readonly kind: "notObject" }
  | { readonly kind: "float"; readonly field: string; readonly text: string }
  | { readonly kind: "fraction"; readonly text: string }
  | { readonly kind: "number"; readonly field: string; readonly text: string };

export type ParsedRecord = { readonly ok: true; readonly value: { readonly [name: string]: unknown } } | { readonly ok: false; readonly problem: RecordProblem };

const fieldTypes: readonly string[] = ["string", "integer", "number", "boolean"];

/**
 * One field per top-level property of a record schema, when every property is a plain string,
 * integer, number or boolean; undefined otherwise (nested objects, arrays, unions), and the page
 * offers only the JSON text. The schema itself still decides: the SDK checks the record against it.
 */
export function recordFields(recordSchema: string): readonly RecordField[] | undefined {
  const schema = parsedSchema(recordSchema);
  const properties = propertiesOf(schema);
  if (properties === undefined) return undefined;
  const required = (schema as { required?: unknown }).required;
  const fields: RecordField[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const type = property !== null && typeof property === "object" ? (property as { type?: unknown }).type : undefined;
    if (typeof type !== "string" || !fieldTypes.includes(type)) return undefined;
    fields.push({ name, type: type as RecordFieldType, required: Array.isArray(required) && required.includes(name) });
  }
  return fields.length === 0 ? undefined : fields;
}

/** A field's text as its JSON value; an empty field is left out, and the schema says whether it may be. */
function fieldValue(field: RecordField, text: string): { readonly value: unknown } | RecordProblem | undefined {
  const trimmed = text.trim();
  if (field.type === "boolean") return { value: text === "true" };
  if (field.type === "string") return text === "" ? undefined : { value: text };
  if (trimmed === "") return undefined;
  if (field.type === "integer") {
    if (/^-?[0-9]+$/.test(trimmed) && Number.isSafeInteger(Number(trimmed))) return { value: Number(trimmed) };
    return Number.isFinite(Number(trimmed)) ? { kind: "float", field: field.name, text: trimmed } : { kind: "number", field: field.name, text: trimmed };
  }
  return /^-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/.test(trimmed) ? { value: Number(trimmed) } : { kind: "number", field: field.name, text: trimmed };
}

/** The record from the form's fields: integers must be written as integers, numbers as numbers. */
export function recordFromFields(fields: readonly RecordField[], values: { readonly [name: string]: string }): ParsedRecord {
  const record: { [name: string]: unknown } = {};
  for (const field of fields) {
    const parsed = fieldValue(field, values[field.name] ?? "");
    if (parsed === undefined) continue;
    if ("kind" in parsed) return { ok: false, problem: parsed };
    record[field.name] = parsed.value;
  }
  return { ok: true, value: record };
}

/** Whether any part of a schema admits a number with a fraction (`"type": "number"`, alone or in a list). */
export function schemaAllowsFractions(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(schemaAllowsFractions);
  if (schema === null || typeof schema !== "object") return false;
  return Object.entries(schema).some(([key, value]) => (key === "type" && (value === "number" || (Array.isArray(value) && value.includes("number")))) || schemaAllowsFractions(value));
}

/**
 * The record from JSON text: an object, or a problem named before anything is sealed. When the
 * schema admits no fractions, a number written with a decimal point or an exponent is refused
 * here: JSON.parse would read `3.0` as 3 and the schema check would never see it.
 */
export function recordFromJson(text: string, recordSchema?: string): ParsedRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { kind: "json", detail: error instanceof Error ? error.message : String(error) } };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, problem: { kind: "notObject" } };
  const fraction = firstNonIntegerNumber(text);
  if (fraction !== undefined && recordSchema !== undefined && !schemaAllowsFractions(parsedSchema(recordSchema))) return { ok: false, problem: { kind: "fraction", text: fraction } };
  return { ok: true, value: parsed as { [name: string]: unknown } };
}

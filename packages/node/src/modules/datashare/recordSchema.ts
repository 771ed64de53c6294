import { type AnySchema, Ajv, type ValidateFunction } from "ajv";
import { datashareError } from "@kexin/core";

// Ajv's typed overloads of compile are too deep for the compiler over an arbitrary schema; a record schema here is data from a transaction.
type SchemaCompiler = { compile(schema: AnySchema): ValidateFunction };

/**
 * Checks a dataset's record schema when it is registered: JSON text of a JSON Schema (draft-07,
 * Ajv strict mode) describing an object. Returns the top-level property names, the fields a grant
 * may name. Throws DATASHARE_SCHEMA_INVALID saying what is wrong. The outcome depends only on the
 * text, so every node decides alike; the node never validates records (it never sees them).
 */
export function checkRecordSchema(text: string): string[] {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw datashareError("DATASHARE_SCHEMA_INVALID", `the record schema is not JSON: ${error instanceof Error ? error.message.slice(0, 200) : "unreadable"}`);
  }
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) throw datashareError("DATASHARE_SCHEMA_INVALID", "the record schema must be a JSON Schema object");
  const object = schema as { type?: unknown; properties?: unknown };
  if (object.type !== "object") throw datashareError("DATASHARE_SCHEMA_INVALID", 'a record schema describes an object: its "type" must be "object"');
  const ajv = new Ajv({ strict: true, allErrors: false, coerceTypes: false, useDefaults: false, removeAdditional: false, validateFormats: false, logger: false });
  try {
    (ajv as unknown as SchemaCompiler).compile(schema as AnySchema);
  } catch (error) {
    throw datashareError("DATASHARE_SCHEMA_INVALID", `the record schema does not compile: ${error instanceof Error ? error.message.slice(0, 200) : "not a schema"}`);
  }
  const properties = object.properties;
  return properties !== null && typeof properties === "object" ? Object.keys(properties).sort() : [];
}

import canonicalize from "canonicalize";
import { utf8 } from "../../bytes.ts";
import { datashareError } from "../errors.ts";

/**
 * The JSON Canonicalization Scheme (RFC 8785) of a value as UTF-8 bytes. A value JCS cannot
 * express (a lone surrogate, a non-finite number, a cycle, nothing at all) is refused rather than
 * silently dropped, since what is signed must be exactly what is verified.
 */
export function canonicalJsonBytes(value: unknown, what: string): Uint8Array {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw datashareError("DATASHARE_CREDENTIAL_INVALID", `${what} cannot be canonicalised as JSON (RFC 8785): ${(error as Error).message}`);
  }
  if (text === undefined) throw datashareError("DATASHARE_CREDENTIAL_INVALID", `${what} is not a JSON value`);
  return utf8(text);
}

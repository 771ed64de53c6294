import type { KexinError } from "@kexin/core";

/** The one table from error code to HTTP status; codes not listed are client errors (400). */
const statusByCode: Readonly<Record<string, number>> = {
  // Listed although 400 is the default, so that every input class the API refuses has its row.
  CODEC_NESTING_TOO_DEEP: 400,
  API_INVALID_INTEGER: 400,
  API_MALFORMED_HTTP: 400,
  EVIDENCE_BLOB_UNAUTHORISED: 401,
  TX_SIGNER_NOT_REGISTERED: 403,
  EVIDENCE_BLOB_NOT_MEMBER: 403,
  TX_NOT_AUTHORISED: 403,
  TX_NOT_FOUND: 404,
  BLOCK_NOT_FOUND: 404,
  QUERY_NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  API_REQUEST_TIMEOUT: 408,
  TX_DUPLICATE: 409,
  TX_NONCE_USED: 409,
  TX_NONCE_GAP: 409,
  TX_TOO_LARGE: 413,
  CODEC_TOO_LARGE: 413,
  API_BATCH_TOO_LARGE: 413,
  API_BODY_TOO_LARGE: 413,
  EVIDENCE_BLOB_TOO_LARGE: 413,
  API_UNSUPPORTED_MEDIA_TYPE: 415,
  API_HEADERS_TOO_LARGE: 431,
  MEMPOOL_FULL: 503,
  NODE_NOT_READY: 503,
  NODE_HALTED: 503,
  CERTIFICATE_BUSY: 503,
  EVIDENCE_BLOB_BUSY: 503,
  EVIDENCE_BLOB_STORE_FULL: 507,
  INTERNAL_ERROR: 500,
  CERTIFICATE_FONT_MISSING: 500,
};

export function httpStatusOf(code: string): number {
  return statusByCode[code] ?? 400;
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** A typed error's body: its payload's fields besides the code are the details. */
export function kexinErrorBody(error: KexinError): ErrorBody {
  const { code: _code, ...details } = error.type as Record<string, unknown>;
  return errorBody(error.code, error.message, Object.keys(details).length > 0 ? details : undefined);
}

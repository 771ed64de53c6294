import type { KexinError } from "@kexin/core";
import type { NodeService } from "../modules/index.ts";
import { stateProofStatusByCode } from "./stateProofBuilder.ts";

/** The node's own codes' HTTP statuses; each service adds its own (NodeService.httpStatusByCode). Codes not listed are client errors (400). */
const coreStatusByCode: Readonly<Record<string, number>> = {
  // Listed although 400 is the default, so that every input class the API refuses has its row.
  CODEC_NESTING_TOO_DEEP: 400,
  API_INVALID_INTEGER: 400,
  API_MALFORMED_HTTP: 400,
  TX_SIGNER_NOT_REGISTERED: 403,
  TX_NOT_AUTHORISED: 403,
  TX_NOT_FOUND: 404,
  BLOCK_NOT_FOUND: 404,
  QUERY_NOT_FOUND: 404,
  MODULE_NOT_FOUND: 404,
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
  API_UNSUPPORTED_MEDIA_TYPE: 415,
  API_HEADERS_TOO_LARGE: 431,
  MEMPOOL_FULL: 503,
  NODE_NOT_READY: 503,
  NODE_HALTED: 503,
  INTERNAL_ERROR: 500,
  ...stateProofStatusByCode,
};

/** The status of one of the node's own codes; a service's codes are answered through the server's table. */
export function httpStatusOf(code: string): number {
  return coreStatusByCode[code] ?? 400;
}

/** The one table from error code to HTTP status: the node's codes and every service's. */
export function httpStatusTable(services: readonly NodeService[]): (code: string) => number {
  const statusByCode = new Map(Object.entries(coreStatusByCode));
  for (const service of services) {
    for (const [code, status] of Object.entries(service.httpStatusByCode ?? {})) {
      const listed = statusByCode.get(code);
      if (listed !== undefined && listed !== status) throw new Error(`error code ${code} is answered with ${listed} and, by service ${service.module.name}, with ${status}`);
      statusByCode.set(code, status);
    }
  }
  return (code) => statusByCode.get(code) ?? 400;
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

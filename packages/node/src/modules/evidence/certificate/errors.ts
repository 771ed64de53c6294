import { KexinError } from "@kexin/core";

/**
 * Refusals of the certificate renderer.
 * - CERTIFICATE_INVALID_PROOF: the proof does not prove what it states (`check` names the failed
 *   check or the anchor field that differs); no certificate is drawn for it.
 * - CERTIFICATE_BAD_BASE_URL: the base URL of the verify link is not an absolute http(s) URL
 *   without query, fragment or credentials.
 * - CERTIFICATE_FONT_MISSING: the Chinese font is not installed (a broken installation).
 * - CERTIFICATE_BUSY: the node is already drawing as many certificates as it allows; try again.
 */
export type CertificateErrorType =
  | { code: "CERTIFICATE_INVALID_PROOF"; check: string; reason: string }
  | { code: "CERTIFICATE_BAD_BASE_URL"; baseUrl: string; reason: string }
  | { code: "CERTIFICATE_FONT_MISSING"; path: string }
  | { code: "CERTIFICATE_BUSY"; pending: number };
export class CertificateError extends KexinError<CertificateErrorType> {}

export function invalidProof(check: string, reason: string): CertificateError {
  return new CertificateError({ code: "CERTIFICATE_INVALID_PROOF", check, reason }, `the proof cannot be certified: ${reason}`);
}

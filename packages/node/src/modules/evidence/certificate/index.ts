/**
 * Evidence certificates (存证证书): a one-page PDF, in Chinese and English, drawn from an evidence
 * proof (kexin-evidence-proof/1), with a QR code of the console's verify page for the hash.
 *
 * This lives in the node package rather than the browser-safe SDK because of the font: Chinese
 * text needs an embedded CJK font, and the one used here is 8.5 MB per weight. The node and the
 * CLI read it from disk; a browser would have to download it to draw one certificate, so browsers
 * fetch GET /v1/evidence/:hash/certificate.pdf instead.
 */
import { certificateFacts, type CertificateFacts } from "./facts.ts";
import { verifyUrl } from "./link.ts";

export { CertificateError, type CertificateErrorType } from "./errors.ts";
export { type CertificateFacts, certificateFacts, certifiedProofFormat } from "./facts.ts";
export { certificateLimits } from "./limits.ts";
export { type QrMatrix, type QrRun, qrMatrix } from "./qr.ts";
export { CertificateRenderer, type CertificateRendererOptions } from "./renderer.ts";
export { verifyPagePath, verifyUrl } from "./link.ts";
export { shanghaiTime } from "./time.ts";

export interface RenderEvidenceCertificateParameters {
  /** The proof as parsed JSON: GET /v1/evidence/:hash/proof, or the file `kexin evidence add` saved. */
  readonly proof: unknown;
  /** Where people reach the node's console, e.g. https://kexin.example.org; the QR code opens <baseUrl>/verify?hash=<hash>. */
  readonly baseUrl: string;
}

export interface RenderEvidenceCertificateReturnType {
  readonly pdf: Uint8Array;
  readonly facts: CertificateFacts;
  readonly verifyUrl: string;
}

/**
 * Checks the proof (its receipt and every anchor field, as certificateFacts does) and draws its
 * certificate. Throws CertificateError: CERTIFICATE_INVALID_PROOF, CERTIFICATE_BAD_BASE_URL, or
 * CERTIFICATE_FONT_MISSING when the font package is not installed.
 */
export async function renderEvidenceCertificate(parameters: RenderEvidenceCertificateParameters): Promise<RenderEvidenceCertificateReturnType> {
  const facts = certificateFacts(parameters.proof);
  const link = verifyUrl(parameters.baseUrl, facts.hash);
  // pdfkit and fontkit take a quarter of a second and about 30 MB to load: only a process that draws loads them.
  const [{ drawCertificate }, { loadCertificateFonts }] = await Promise.all([import("./render.ts"), import("./fonts.ts")]);
  const pdf = await drawCertificate(facts, link, await loadCertificateFonts());
  return { pdf, facts, verifyUrl: link };
}

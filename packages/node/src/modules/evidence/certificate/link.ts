import { CertificateError } from "./errors.ts";
import { certificateLimits } from "./limits.ts";

/** The console's page that checks one hash; the node serves the console at its base URL. */
export const verifyPagePath = "/verify";
const { baseUrlLengthMax } = certificateLimits;

/**
 * `<baseUrl>/verify?hash=<hash>`, the link the QR code holds (the console's Verify page). The base URL is where the node (or
 * the console) is reached by the people who will scan the paper, so it is the caller's to give.
 */
export function verifyUrl(baseUrl: string, hash: string): string {
  const refuse = (reason: string): never => {
    throw new CertificateError({ code: "CERTIFICATE_BAD_BASE_URL", baseUrl: baseUrl.slice(0, baseUrlLengthMax), reason }, `base URL "${baseUrl.slice(0, 100)}" ${reason}`);
  };
  if (baseUrl.length > baseUrlLengthMax) refuse(`is longer than ${baseUrlLengthMax} characters`);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return refuse("is not an absolute URL such as https://kexin.example.org");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") refuse("must start with http:// or https://");
  if (url.username !== "" || url.password !== "") refuse("must not contain a user name or password");
  if (url.search !== "" || url.hash !== "") refuse("must not have a query (?…) or fragment (#…)");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}${verifyPagePath}?hash=${hash}`;
}

/** Pages and indices in keys are padded so that key order is numeric order. */
const padded = (value: number, digits: number): string => String(value).padStart(digits, "0");
const pageDigits = 4;
const indexDigits = 6;
/** Credential ids are URIs and may hold "/": escaped, no id's key is a prefix of another's. */
const escaped = (id: string): string => encodeURIComponent(id);

/** Every key of verifiable credentials in the datashare namespace, built in one place. */
export const credentialKeys = {
  credential: (id: string): string => `credential/${escaped(id)}`,
  /** Which credential holds an index of an issuer's status list. */
  statusIndex: (issuer: string, index: number): string => `status_index/${issuer}/${padded(index, indexDigits)}`,
  /** One page of an issuer's revocation bitstring. */
  statusPage: (issuer: string, page: number): string => `status_page/${issuer}/${padded(page, pageDigits)}`,
  statusPagePrefix: (issuer: string): string => `status_page/${issuer}/`,
  /** One page of an issuer's suspension bitstring. */
  suspensionPage: (issuer: string, page: number): string => `suspension_page/${issuer}/${padded(page, pageDigits)}`,
  suspensionPagePrefix: (issuer: string): string => `suspension_page/${issuer}/`,
  pageOfKey: (key: string): number => Number(key.slice(key.lastIndexOf("/") + 1)),
  verification: (tx: string): string => `credential_verification/${tx}`,
};

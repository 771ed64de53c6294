import { concatBytes, toHex } from "../../bytes.ts";
import type { CryptoSuite } from "../../crypto/index.ts";
import { type DatashareErrorCode, datashareError } from "../errors.ts";
import { canonicalJsonBytes } from "./jcs.ts";
import { fromMultibaseBase58btc, multibaseBase58btc, publicKeyFromMultibase } from "./multikey.ts";

export type CredentialJson = null | boolean | number | string | readonly CredentialJson[] | { readonly [key: string]: CredentialJson };
/** A credential or any JSON-LD document as plain JSON: this service never expands or fetches contexts. */
export type CredentialDocument = { readonly [key: string]: CredentialJson };

/**
 * The Data Integrity cryptosuite of each chain suite. `eddsa-jcs-2022` is the W3C one
 * ("Data Integrity EdDSA Cryptosuites v1.0"); `sm2-jcs-2024` is defined in docs/datashare.md as
 * the same algorithm with SM3 for SHA-256 and SM2 (default user ID) for Ed25519.
 */
export const credentialCryptosuites = { intl: "eddsa-jcs-2022", gm: "sm2-jcs-2024" } as const;
export type CredentialCryptosuite = (typeof credentialCryptosuites)[keyof typeof credentialCryptosuites];

export function credentialCryptosuiteOf(suite: CryptoSuite): CredentialCryptosuite {
  return credentialCryptosuites[suite.id];
}

/** The proof options a caller chooses; the rest of the proof follows from the document and the key. */
export interface CredentialProofOptions {
  /** Usually `did:key:<multikey>#<multikey>` of the signing key (didKeyVerificationMethod). */
  readonly verificationMethod: string;
  /** An XML Schema dateTime, e.g. "2026-12-07T10:00:00Z"; omitted when absent. */
  readonly created?: string;
  readonly proofPurpose?: string;
}

/** What the proof signs, spelled out so tests can compare each step with published vectors. */
export interface CredentialProofHashData {
  readonly canonicalProofConfig: Uint8Array;
  readonly canonicalDocument: Uint8Array;
  /** hash(canonical proof configuration) ‖ hash(canonical document), the signed message. */
  readonly hashData: Uint8Array;
}

type ProofFields = { readonly [key: string]: CredentialJson };

function isObject(value: unknown): value is { readonly [key: string]: CredentialJson } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const xmlDateTime = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** The document without its proof, and its proof: the two parts the algorithms work on. */
function withoutProof(document: CredentialDocument): { unsecured: { [key: string]: CredentialJson }; proof: CredentialJson | undefined } {
  const { proof, ...unsecured } = document;
  return { unsecured, proof };
}

/** Steps 2–5 of the suite's Create Proof and Verify Proof: proof configuration, transformation, hashing. */
export function credentialProofHashData(suite: CryptoSuite, unsecuredDocument: CredentialDocument, proofConfig: ProofFields): CredentialProofHashData {
  if (proofConfig.type !== "DataIntegrityProof" || proofConfig.cryptosuite !== credentialCryptosuiteOf(suite)) {
    throw datashareError("DATASHARE_CREDENTIAL_INVALID", `the proof must be a DataIntegrityProof of cryptosuite ${credentialCryptosuiteOf(suite)}`);
  }
  if (proofConfig.created !== undefined && (typeof proofConfig.created !== "string" || !xmlDateTime.test(proofConfig.created))) {
    throw datashareError("DATASHARE_CREDENTIAL_INVALID", `the proof's created is not an XML Schema dateTime: ${JSON.stringify(proofConfig.created)}`);
  }
  const canonicalProofConfig = canonicalJsonBytes(proofConfig, "the proof configuration");
  const canonicalDocument = canonicalJsonBytes(unsecuredDocument, "the credential");
  return { canonicalProofConfig, canonicalDocument, hashData: concatBytes(suite.hash(canonicalProofConfig), suite.hash(canonicalDocument)) };
}

/**
 * Create Proof of eddsa-jcs-2022 (or its SM2 counterpart): the document with a `proof` whose
 * `proofValue` is the multibase base58btc signature over the hash data. The document must not
 * carry a proof already; proof sets and chains are not supported.
 */
export function createCredentialProof(suite: CryptoSuite, document: CredentialDocument, privateKey: Uint8Array, options: CredentialProofOptions): CredentialDocument {
  if (!isObject(document)) throw datashareError("DATASHARE_CREDENTIAL_INVALID", "a credential is a JSON object");
  if (document.proof !== undefined) throw datashareError("DATASHARE_CREDENTIAL_INVALID", "the credential already carries a proof");
  const proofConfig: { [key: string]: CredentialJson } = {
    type: "DataIntegrityProof",
    cryptosuite: credentialCryptosuiteOf(suite),
    ...(options.created !== undefined ? { created: options.created } : {}),
    verificationMethod: options.verificationMethod,
    proofPurpose: options.proofPurpose ?? "assertionMethod",
  };
  if (document["@context"] !== undefined) proofConfig["@context"] = document["@context"];
  const { hashData } = credentialProofHashData(suite, document, proofConfig);
  return { ...document, proof: { ...proofConfig, proofValue: multibaseBase58btc(suite.sign(privateKey, hashData)) } };
}

/** The checks of a credential, in the order they run; a failure names the first that failed. */
export type CredentialCheck = "format" | "cryptosuite" | "context" | "verification_method" | "signature" | "issuer" | "validity" | "status" | "record";

export type CredentialFailure = { readonly verified: false; readonly check: CredentialCheck; readonly code: DatashareErrorCode; readonly message: string };
export type CredentialProofVerification = { readonly verified: true; readonly verificationMethod: string; readonly publicKey: Uint8Array; readonly proofPurpose: string } | CredentialFailure;

export function credentialFailure(check: CredentialCheck, code: DatashareErrorCode, message: string): CredentialFailure {
  return { verified: false, check, code, message };
}

/** The public key a verification method names: `did:key:<multikey>` with or without its fragment, or a bare Multikey. */
export function publicKeyOfVerificationMethod(suite: CryptoSuite, verificationMethod: string): Uint8Array | undefined {
  const [did, fragment] = verificationMethod.split("#", 2);
  const multikey = did?.startsWith("did:key:") ? did.slice("did:key:".length) : did;
  if (multikey === undefined || (fragment !== undefined && fragment !== multikey)) return undefined;
  return publicKeyFromMultibase(suite, multikey);
}

function contextStartsWith(documentContext: CredentialJson | undefined, proofContext: CredentialJson): boolean {
  const documentList = Array.isArray(documentContext) ? documentContext : documentContext === undefined ? [] : [documentContext];
  const proofList = Array.isArray(proofContext) ? proofContext : [proofContext];
  return proofList.length <= documentList.length && proofList.every((entry, index) => toHex(canonicalJsonBytes(entry, "a context")) === toHex(canonicalJsonBytes(documentList[index], "a context")));
}

/**
 * Verify Proof of eddsa-jcs-2022 (or its SM2 counterpart) against the key its verification method
 * names. Says whether the signature holds, never whether the key is one to trust: the caller
 * decides that (see verifyCredential in the SDK).
 */
export function verifyCredentialProof(suite: CryptoSuite, securedDocument: CredentialDocument): CredentialProofVerification {
  if (!isObject(securedDocument)) return credentialFailure("format", "DATASHARE_CREDENTIAL_INVALID", "a credential is a JSON object");
  const { unsecured, proof } = withoutProof(securedDocument);
  if (!isObject(proof)) return credentialFailure("format", "DATASHARE_CREDENTIAL_INVALID", "the credential has no proof (one object; proof sets are not supported)");
  const { proofValue, ...proofOptions } = proof;
  if (proofOptions.type !== "DataIntegrityProof" || proofOptions.cryptosuite !== credentialCryptosuiteOf(suite)) {
    return credentialFailure("cryptosuite", "DATASHARE_PROOF_INVALID", `the proof is ${JSON.stringify(proofOptions.type)} / ${JSON.stringify(proofOptions.cryptosuite)}, not DataIntegrityProof / ${credentialCryptosuiteOf(suite)}`);
  }
  const signature = typeof proofValue === "string" ? fromMultibaseBase58btc(proofValue) : undefined;
  if (signature === undefined || signature.length !== suite.signatureBytes) return credentialFailure("format", "DATASHARE_PROOF_INVALID", "the proofValue is not a multibase base58btc signature of the suite");
  if (typeof proofOptions.verificationMethod !== "string" || typeof proofOptions.proofPurpose !== "string") {
    return credentialFailure("format", "DATASHARE_CREDENTIAL_INVALID", "the proof names no verificationMethod or proofPurpose");
  }
  if (proofOptions["@context"] !== undefined) {
    let starts: boolean;
    try {
      starts = contextStartsWith(securedDocument["@context"], proofOptions["@context"]);
    } catch (error) {
      return credentialFailure("format", "DATASHARE_CREDENTIAL_INVALID", (error as Error).message);
    }
    if (!starts) return credentialFailure("context", "DATASHARE_PROOF_INVALID", "the credential's @context does not start with the proof's @context");
    unsecured["@context"] = proofOptions["@context"];
  }
  const publicKey = publicKeyOfVerificationMethod(suite, proofOptions.verificationMethod);
  if (publicKey === undefined) return credentialFailure("verification_method", "DATASHARE_CREDENTIAL_KEY_INVALID", `the verification method ${proofOptions.verificationMethod} is not a did:key of a ${suite.id} key`);
  let hashData: Uint8Array;
  try {
    hashData = credentialProofHashData(suite, unsecured, proofOptions).hashData;
  } catch (error) {
    return credentialFailure("format", "DATASHARE_CREDENTIAL_INVALID", (error as Error).message);
  }
  if (!suite.verify(publicKey, hashData, signature)) return credentialFailure("signature", "DATASHARE_PROOF_INVALID", "the proof's signature does not verify: the credential or its proof was changed, or signed by another key");
  return { verified: true, verificationMethod: proofOptions.verificationMethod, publicKey, proofPurpose: proofOptions.proofPurpose };
}

/** What the chain records of an issued credential: the suite's hash of the JCS form of the whole secured credential, hex. */
export function credentialHash(suite: CryptoSuite, securedDocument: CredentialDocument): string {
  return toHex(suite.hash(canonicalJsonBytes(securedDocument, "the credential")));
}

import type { CryptoSuite } from "../crypto/index.ts";
import { publicKeyMultibase } from "../datashare/credentials/multikey.ts";
import { type CredentialDocument, type CredentialJson, verifyCredentialProof } from "../datashare/credentials/proof.ts";
import type { WorkflowErrorCode } from "./errors.ts";
import { workflowEvidenceMax, workflowReasonLengthMax } from "./limits.ts";
import type { WorkflowOutcome, WorkflowTemplate } from "./schemas.ts";

const credentialsContext = "https://www.w3.org/ns/credentials/v2";
export const workflowAttestationType = "KexinWorkflowAttestation";
export const workflowDecisionType = "KexinWorkflowDecision";

/** The `issuer` of a department's workflow credentials: its organisation on this chain. */
export function workflowIssuerId(chainId: string, organisation: string): string {
  return `urn:kexin:${chainId}:organisation:${organisation}`;
}

/** The `credentialSubject.id` of the applicant: their subject reference, which names nobody without the department's subject key. */
export function workflowSubjectId(subject: string): string {
  return `urn:kexin:subject:${subject}`;
}

export function workflowCredentialId(chainId: string, application: string, step: string | null): string {
  return `urn:kexin:${chainId}:workflow:${application}:${step ?? "decision"}`;
}

export interface WorkflowAttestationClaims {
  readonly application: string;
  readonly template: string;
  readonly templateHash: string;
  readonly step: string;
  readonly outcome: WorkflowOutcome;
  readonly reason: string;
  /** Datashare record ids or access transactions the department relied on. */
  readonly evidence: readonly string[];
}

/** An attestation credential before its proof: a department's statement about the applicant for one step. */
export function workflowAttestationCredential(parameters: WorkflowAttestationClaims & { readonly chainId: string; readonly organisation: string; readonly subject: string }): CredentialDocument {
  const { chainId, organisation, subject, ...claims } = parameters;
  return {
    "@context": [credentialsContext],
    id: workflowCredentialId(chainId, claims.application, claims.step),
    type: ["VerifiableCredential", workflowAttestationType],
    issuer: workflowIssuerId(chainId, organisation),
    credentialSubject: {
      id: workflowSubjectId(subject),
      application: claims.application,
      template: claims.template,
      templateHash: claims.templateHash,
      step: claims.step,
      outcome: claims.outcome,
      reason: claims.reason,
      evidence: [...claims.evidence],
    },
  };
}

/** The decision credential before its proof: it carries the template and every attestation credential, so that it verifies as a whole. */
export function workflowDecisionCredential(parameters: {
  readonly chainId: string;
  readonly organisation: string;
  readonly application: string;
  readonly subject: string;
  readonly template: WorkflowTemplate;
  readonly templateHash: string;
  readonly attestations: readonly CredentialDocument[];
}): CredentialDocument {
  return {
    "@context": [credentialsContext],
    id: workflowCredentialId(parameters.chainId, parameters.application, null),
    type: ["VerifiableCredential", workflowDecisionType],
    issuer: workflowIssuerId(parameters.chainId, parameters.organisation),
    credentialSubject: {
      id: workflowSubjectId(parameters.subject),
      application: parameters.application,
      decision: "approved",
      template: parameters.template as unknown as CredentialJson,
      templateHash: parameters.templateHash,
      attestations: [...parameters.attestations],
    },
  };
}

export type WorkflowCredentialCheck = "format" | "signature" | "issuer" | "template" | "attestation" | "rule";
export type WorkflowCredentialFailure = { readonly verified: false; readonly check: WorkflowCredentialCheck; readonly code: WorkflowErrorCode; readonly message: string };

export function workflowFailure(check: WorkflowCredentialCheck, code: WorkflowErrorCode, message: string): WorkflowCredentialFailure {
  return { verified: false, check, code, message };
}

/** What an attestation credential says, once its proof verifies. */
export interface ReadAttestation {
  readonly verified: true;
  readonly chainId: string;
  readonly organisation: string;
  readonly subject: string;
  readonly claims: WorkflowAttestationClaims;
  /** The key that signed it, as a Multikey. */
  readonly signer: string;
  readonly publicKey: Uint8Array;
}

function isObject(value: unknown): value is { readonly [key: string]: CredentialJson } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How deep a workflow credential's JSON may nest; a decision carrying its attestations needs about 8 levels. */
export const workflowCredentialDepthMax = 32;

/**
 * The deepest nesting of arrays and objects in JSON text, counted without parsing. Canonicalising
 * recurses once per level, and how deep a recursion may go depends on each node's stack: a bound
 * checked first keeps a deeply nested credential from failing on one node and not on another.
 */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === "\\") index++;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === "[" || character === "{") deepest = Math.max(deepest, ++depth);
    else if (character === "]" || character === "}") depth--;
  }
  return deepest;
}

/** Parses a credential sent as JSON text; undefined when it is not a JSON object or nests deeper than workflowCredentialDepthMax. */
export function parseWorkflowCredential(text: string): CredentialDocument | undefined {
  if (nestingDepth(text) > workflowCredentialDepthMax) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const issuerPattern = /^urn:kexin:([^:]+):organisation:([a-z][a-z0-9_]{0,31})$/;
const subjectPattern = /^urn:kexin:subject:([0-9a-f]{64})$/;

function hasType(credential: CredentialDocument, type: string): boolean {
  return Array.isArray(credential.type) && credential.type.includes("VerifiableCredential") && credential.type.includes(type);
}

type Signed = { readonly verified: true; readonly chainId: string; readonly organisation: string; readonly subject: string; readonly subjectFields: { readonly [key: string]: CredentialJson }; readonly signer: string; readonly publicKey: Uint8Array };

/** The checks every workflow credential passes: its proof, its type, an issuer and a subject of the forms above. */
function readSigned(suite: CryptoSuite, credential: CredentialDocument, type: string, what: string): Signed | WorkflowCredentialFailure {
  const proof = verifyCredentialProof(suite, credential);
  if (!proof.verified) return workflowFailure(proof.check === "signature" ? "signature" : "format", "WORKFLOW_PROOF_INVALID", `${what}: ${proof.message}`);
  if (proof.proofPurpose !== "assertionMethod") return workflowFailure("format", "WORKFLOW_PROOF_INVALID", `${what}: the proof's purpose is ${proof.proofPurpose}, not assertionMethod`);
  if (!hasType(credential, type)) return workflowFailure("format", "WORKFLOW_CREDENTIAL_INVALID", `${what} is not a VerifiableCredential of type ${type}`);
  const issuer = typeof credential.issuer === "string" ? issuerPattern.exec(credential.issuer) : null;
  if (issuer === null) return workflowFailure("format", "WORKFLOW_CREDENTIAL_INVALID", `${what}: the issuer is not urn:kexin:<chain>:organisation:<organisation>`);
  const subjectFields = credential.credentialSubject;
  if (!isObject(subjectFields)) return workflowFailure("format", "WORKFLOW_CREDENTIAL_INVALID", `${what} has no credentialSubject object`);
  const subject = typeof subjectFields.id === "string" ? subjectPattern.exec(subjectFields.id) : null;
  if (subject === null) return workflowFailure("format", "WORKFLOW_CREDENTIAL_INVALID", `${what}: the subject is not urn:kexin:subject:<reference>`);
  return { verified: true, chainId: issuer[1] as string, organisation: issuer[2] as string, subject: subject[1] as string, subjectFields, signer: publicKeyMultibase(suite, proof.publicKey), publicKey: proof.publicKey };
}

/**
 * Verifies an attestation credential's proof and reads its claims. Says nothing of whether its
 * signer is one to trust, or whether the step and application are the ones expected: the chain
 * and verifyWorkflowDecision judge that.
 */
export function readWorkflowAttestation(suite: CryptoSuite, credential: CredentialDocument): ReadAttestation | WorkflowCredentialFailure {
  const signed = readSigned(suite, credential, workflowAttestationType, "the attestation");
  if (!signed.verified) return signed;
  const fields = signed.subjectFields;
  const { application, template, templateHash, step, outcome, reason, evidence } = fields;
  if (typeof application !== "string" || typeof template !== "string" || typeof templateHash !== "string" || typeof step !== "string") {
    return workflowFailure("format", "WORKFLOW_CREDENTIAL_INVALID", "the attestation names no application, template, templateHash or step");
  }
  if (outcome !== "eligible" && outcome !== "not_eligible") return workflowFailure("format", "WORKFLOW_CREDENTIAL_INVALID", `the attestation's outcome is ${JSON.stringify(outcome)}, not "eligible" or "not_eligible"`);
  if (typeof reason !== "string" || reason.length > workflowReasonLengthMax) return workflowFailure("format", "WORKFLOW_CREDENTIAL_INVALID", `the attestation's reason must be text of at most ${workflowReasonLengthMax} characters`);
  if (!Array.isArray(evidence) || evidence.length > workflowEvidenceMax || !evidence.every((entry) => typeof entry === "string" && entry.length > 0 && entry.length <= 128)) {
    return workflowFailure("format", "WORKFLOW_CREDENTIAL_INVALID", `the attestation's evidence must be at most ${workflowEvidenceMax} ids of 1 to 128 characters`);
  }
  return {
    verified: true,
    chainId: signed.chainId,
    organisation: signed.organisation,
    subject: signed.subject,
    claims: { application, template, templateHash, step, outcome, reason, evidence: evidence as string[] },
    signer: signed.signer,
    publicKey: signed.publicKey,
  };
}

export { readSigned as readSignedWorkflowCredential };

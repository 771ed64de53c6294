import { type ApplicationRecord, type CredentialDocument, type CryptoSuite, type TrustedWorkflowSigner, addressOf, publicKeyFromMultibase } from "@kexin/core";

/**
 * The keys the chain recorded for each department of an application: every attester's Multikey,
 * and the decision's key when its address is the decider's the chain recorded. The verifier's own
 * trust file replaces this list when it has one.
 */
export function trustFromChain(suite: CryptoSuite, application: ApplicationRecord, decision: CredentialDocument): TrustedWorkflowSigner[] {
  const keys = new Map<string, Set<string>>();
  const add = (organisation: string, key: string) => keys.set(organisation, (keys.get(organisation) ?? new Set()).add(key));
  for (const attestation of application.attestations) add(attestation.organisation, attestation.signer);
  const method = (decision as { proof?: { verificationMethod?: unknown } }).proof?.verificationMethod;
  const multikey = typeof method === "string" && method.startsWith("did:key:") ? method.slice("did:key:".length).split("#")[0] : undefined;
  const publicKey = multikey === undefined ? undefined : publicKeyFromMultibase(suite, multikey);
  if (multikey !== undefined && publicKey !== undefined && application.decision && addressOf(suite, publicKey) === application.decision.decider) add(application.decision.organisation, multikey);
  return [...keys].map(([organisation, publicKeys]) => ({ organisation, publicKeys: [...publicKeys] }));
}

/** A trust file as `kexin workflow verify --trust` reads it, or undefined when it is not one. */
export function parseTrustFile(text: string): TrustedWorkflowSigner[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return undefined;
    const valid = parsed.every((entry: unknown) => {
      const candidate = entry as { organisation?: unknown; publicKeys?: unknown };
      return typeof candidate.organisation === "string" && Array.isArray(candidate.publicKeys) && candidate.publicKeys.every((key) => typeof key === "string");
    });
    return valid ? (parsed as TrustedWorkflowSigner[]) : undefined;
  } catch {
    return undefined;
  }
}

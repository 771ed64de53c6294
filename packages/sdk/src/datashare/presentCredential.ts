import { credentialHash, datashareError } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { type VerifyCredentialCall, recordCredentialVerification } from "./credentialCalls.ts";
import { type VerifyCredentialErrorType, type VerifyCredentialParameters, type VerifyCredentialReturnType, verifyCredential } from "./verifyCredential.ts";

export type PresentCredentialParameters = Omit<VerifyCredentialParameters, "statusList" | "suspensionList"> & {
  /** A member of the department the holder presents the credential to. */
  readonly wallet: Wallet;
  /** Why the department checks it, as the audit trail shows. */
  readonly purpose: string;
};
export type PresentCredentialReturnType = {
  readonly verification: VerifyCredentialReturnType;
  /** The verify_credential transaction recording this check on chain, to send with the department's wallet. */
  readonly call: VerifyCredentialCall;
};
export type PresentCredentialErrorType = VerifyCredentialErrorType;

/**
 * The receiving department's side of a presentation: verifies the credential (proof, trusted
 * issuer, validity, status and hash against the node's record) and prepares the verify_credential
 * call that records the check as an audited access — whatever its outcome, so a refused
 * credential leaves a trace too. The chain adds its own verdict on hash and status.
 */
export async function presentCredential(client: Client, parameters: PresentCredentialParameters): Promise<PresentCredentialReturnType> {
  const { wallet, purpose, ...verifyParameters } = parameters;
  const id = parameters.credential.id;
  if (typeof id !== "string") throw datashareError("DATASHARE_CREDENTIAL_INVALID", "the credential has no id");
  const verification = await verifyCredential(client, verifyParameters);
  return { verification, call: recordCredentialVerification({ id, hash: credentialHash(wallet.suite, parameters.credential), purpose }) };
}

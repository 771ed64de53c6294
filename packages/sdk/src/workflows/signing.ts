import { type ApplicationAnswer, type CredentialDocument, createCredentialProof, didKeyVerificationMethod } from "@kexin/core";
import { getStatus } from "../actions/getStatus.ts";
import type { Client } from "../clients/createClient.ts";
import { getMember } from "../identity/getMember.ts";
import { type Wallet, privateKeyOf } from "../wallet/wallet.ts";
import { getApplication } from "./getApplication.ts";

/** What a department needs to sign a workflow credential: the chain, the signer's organisation, and the application as the node has it. */
export async function signingContext(client: Client, wallet: Wallet, application: string, signal: AbortSignal | undefined): Promise<{ chainId: string; organisation: string; progress: ApplicationAnswer }> {
  const [status, member, progress] = await Promise.all([getStatus(client, { signal }), getMember(client, { address: wallet.address, signal }), getApplication(client, { id: application, signal })]);
  return { chainId: status.chainId, organisation: member.org, progress: progress as ApplicationAnswer };
}

/** Signs a workflow credential with the wallet's account key under its did:key (eddsa-jcs-2022 on intl, sm2-jcs-2024 on gm): the chain checks that key is the sender's. */
export function signWorkflowCredential(wallet: Wallet, unsecured: CredentialDocument, created: string | undefined): CredentialDocument {
  return createCredentialProof(wallet.suite, unsecured, privateKeyOf(wallet), { verificationMethod: didKeyVerificationMethod(wallet.suite, wallet.publicKey), ...(created !== undefined ? { created } : {}) });
}

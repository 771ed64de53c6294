import type { TxCall } from "../call.ts";
import { requireProposalId } from "./validation.ts";

export type ApproveProposalParameters = { readonly id: string };
export type ApproveProposalPayload = { readonly id: string };
export type ApproveProposalCall = TxCall<"contracts", "approve", ApproveProposalPayload>;

/** Approves a proposal for the signer's organisation (an admin's key, once per organisation); more than two thirds of organisations put it into effect. */
export function approveProposal(parameters: ApproveProposalParameters): ApproveProposalCall {
  return { module: "contracts", type: "approve", payload: { id: requireProposalId("contracts.approve", "id", parameters.id) } };
}

import type { TxCall } from "../call.ts";
import { requireProposalId } from "./proposalId.ts";

export type ApprovePayload = { readonly id: string };
export type ApproveCall = TxCall<"governance", "approve", ApprovePayload>;

/** Approves an open validator or parameter proposal on behalf of the signing admin's organisation. */
export function approve(parameters: ApprovePayload): ApproveCall {
  return { module: "governance", type: "approve", payload: { id: requireProposalId("governance.approve", parameters.id) } };
}

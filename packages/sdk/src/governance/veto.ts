import type { TxCall } from "../call.ts";
import { requireProposalId } from "./proposalId.ts";

export type VetoPayload = { readonly id: string };
export type VetoCall = TxCall<"governance", "veto", VetoPayload>;

/** Vetoes an approved parameter change before its effective height, on behalf of the signing admin's organisation. */
export function veto(parameters: VetoPayload): VetoCall {
  return { module: "governance", type: "veto", payload: { id: requireProposalId("governance.veto", parameters.id) } };
}

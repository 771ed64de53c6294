import type { CborValue, CryptoSuite, SuiteId } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { contractCodeBytes, contractCodeHash } from "./contractCodeHash.ts";
import type { ContractPolicy } from "./types.ts";
import { requireContractName, requireContractValue, requirePolicy, requireProposalId } from "./validation.ts";

export type DeployAction = {
  readonly kind: "deploy";
  readonly name: string;
  readonly code: Uint8Array;
  readonly codeHash: Uint8Array;
  readonly policy: ContractPolicy;
  readonly init?: CborValue;
};
export type UpgradeAction = {
  readonly kind: "upgrade";
  readonly name: string;
  readonly code: Uint8Array;
  readonly codeHash: Uint8Array;
  readonly policy: ContractPolicy;
  readonly migrate?: CborValue;
};
export type FreezeAction = { readonly kind: "freeze"; readonly name: string };
export type UnfreezeAction = { readonly kind: "unfreeze"; readonly name: string };
export type ProposalAction = DeployAction | UpgradeAction | FreezeAction | UnfreezeAction;

export type ProposePayload<Action extends ProposalAction = ProposalAction> = { readonly id: string; readonly action: Action };
export type ProposeCall<Action extends ProposalAction = ProposalAction> = TxCall<"contracts", "propose", ProposePayload<Action>>;

/** What a deploy or an upgrade carries besides its kind. */
export type CodeProposalParameters = {
  /** The proposal's id, chosen by the proposer; approvals name it. */
  readonly id: string;
  readonly name: string;
  /** The chain's suite: the code hash is its hash of the code. */
  readonly suite: CryptoSuite | SuiteId;
  /** The bundled ES module (`kexin contract build`), as text or UTF-8 bytes. */
  readonly code: string | Uint8Array;
  readonly policy: ContractPolicy;
};

export function codeAction(context: string, parameters: CodeProposalParameters) {
  const code = contractCodeBytes(parameters.code);
  return {
    name: requireContractName(context, "name", parameters.name),
    code,
    codeHash: contractCodeHash(parameters.suite, code),
    policy: requirePolicy(context, parameters.policy),
  };
}

/** An optional value of the action (init or migrate arguments): absent when not given. */
export function optionalValue<Key extends string>(context: string, key: Key, value: unknown): { readonly [K in Key]?: CborValue } {
  return value === undefined ? {} : ({ [key]: requireContractValue(context, key, value) } as { [K in Key]?: CborValue });
}

export function proposeCall<Action extends ProposalAction>(context: string, id: string, action: Action): ProposeCall<Action> {
  return { module: "contracts", type: "propose", payload: { id: requireProposalId(context, "id", id), action } };
}

import { type JsonValue, query } from "@kexin/sdk";
import { client, errorCode } from "../../api.ts";

export const governanceModule = "governance";

export interface ValidatorChange {
  readonly publicKey: string;
  /** 0 removes the validator. */
  readonly power: number;
}

/** A validator-change proposal as the governance module's `proposal` query answers it. */
export interface ValidatorProposal {
  readonly id: string;
  readonly proposer: string;
  readonly description: string;
  readonly changes: readonly ValidatorChange[];
  readonly approvals: readonly string[];
  readonly status: "open" | "approved";
  /** The height of the block that recorded the proposal. */
  readonly createdAt: number;
  /** Once approved: the first height the new set decides. */
  readonly effectiveHeight?: number;
}

export interface ValidatorPower {
  readonly publicKey: string;
  readonly power: number;
}

/** The value as a JSON object, or undefined when it is another kind of value. */
export function asRecord(value: JsonValue | undefined): { readonly [key: string]: JsonValue } | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { readonly [key: string]: JsonValue }) : undefined;
}

function isProposal(value: JsonValue): boolean {
  const record = asRecord(value);
  return record !== undefined && typeof record.id === "string" && Array.isArray(record.approvals) && Array.isArray(record.changes);
}

/** The proposal of that id, or undefined when the node has none. */
export async function getValidatorProposal(id: string, signal?: AbortSignal): Promise<ValidatorProposal | undefined> {
  try {
    const answer = await query(client, { module: governanceModule, query: "proposal", parameters: { id }, signal });
    return isProposal(answer) ? (answer as unknown as ValidatorProposal) : undefined;
  } catch (error) {
    if (errorCode(error) === "NOT_FOUND" || errorCode(error) === "QUERY_NOT_FOUND") return undefined;
    throw error;
  }
}

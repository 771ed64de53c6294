import { protocolLimits } from "@kexin/core";
import type { ChainParameterOwner, ChainParameterReader } from "../execution/index.ts";

/**
 * The block limits every node checks a block against, chain parameters rather than node options
 * so that no node builds or accepts blocks another refuses. The byte limit's floor is the largest
 * transaction the protocol admits, so every admissible transaction fits some block.
 */
export const blockParameterOwner: ChainParameterOwner = {
  name: "block",
  parameters: {
    txsMax: { description: "Transactions a block may hold.", minimum: 1, maximum: 10_000, default: 5_000 },
    bytesMax: { description: "Bytes of transactions a block may hold.", minimum: protocolLimits.txBytesMax, maximum: 16 * 1024 * 1024, default: 8 * 1024 * 1024 },
  },
};

export interface BlockLimits {
  readonly txsMax: number;
  readonly bytesMax: number;
}

/** The largest values the parameters can ever take: the bounds of consensus messages carrying a block. */
export const blockLimitsBound: BlockLimits = {
  txsMax: blockParameterOwner.parameters?.["txsMax"]?.maximum as number,
  bytesMax: blockParameterOwner.parameters?.["bytesMax"]?.maximum as number,
};

export function blockLimitsAt(parameters: ChainParameterReader, height: number): BlockLimits {
  return { txsMax: parameters.at("block.txsMax", height), bytesMax: parameters.at("block.bytesMax", height) };
}

import type { CborValue, ContractsGenesisSection, ContractsParameters } from "@kexin/core";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { contractsKeys } from "./keys.ts";

/**
 * The limits and gas prices a chain runs with unless its genesis says otherwise. Gas is charged
 * one cost unit per unit of gas, so callGasMax stays well under the executor's bound on a
 * transaction's cost units (1,000,000) with room for the transaction's base cost.
 */
export const defaultContractsParameters: ContractsParameters = {
  limits: {
    memoryBytesMax: 32 * 1024 * 1024,
    stackBytesMax: 256 * 1024,
    codeBytesMax: 60 * 1024,
    callDepthMax: 8,
    stateKeyBytesMax: 256,
    stateValueBytesMax: 64 * 1024,
    eventBytesMax: 4 * 1024,
    resultBytesMax: 64 * 1024,
  },
  prices: { work: 1, hostCall: 50, storedByte: 4, eventByte: 2 },
  callGasMax: 500_000,
};

export function contractsParametersFrom(section: ContractsGenesisSection | undefined): ContractsParameters {
  return {
    limits: { ...defaultContractsParameters.limits, ...section?.limits },
    prices: { ...defaultContractsParameters.prices, ...section?.prices },
    callGasMax: section?.callGasMax ?? defaultContractsParameters.callGasMax,
  };
}

export function writeContractsParameters(state: StateWrite, parameters: ContractsParameters): void {
  state.set(contractsKeys.parameters, parameters as unknown as CborValue);
}

/** The parameters in force; a chain whose genesis predates the service runs with the defaults. */
export function readContractsParameters(state: StateRead): ContractsParameters {
  return (state.get(contractsKeys.parameters) as unknown as ContractsParameters | undefined) ?? defaultContractsParameters;
}

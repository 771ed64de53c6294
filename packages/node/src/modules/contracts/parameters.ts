import { type ContractsGenesisSection, type ContractsParameters, contractsModuleName, protocolLimits } from "@kexin/core";
import { type ChainParameterDefinition, type ChainParameterDefinitions, scheduledValueAt } from "../../execution/chainParameters.ts";
import type { StateRead } from "../../execution/interface.ts";


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

const limitNames = ["memoryBytesMax", "stackBytesMax", "codeBytesMax", "callDepthMax", "stateKeyBytesMax", "stateValueBytesMax", "eventBytesMax", "resultBytesMax"] as const;
const priceNames = ["work", "hostCall", "storedByte", "eventByte"] as const;
const priceParameter = (name: (typeof priceNames)[number]): string => `gasPrice${name[0]?.toUpperCase()}${name.slice(1)}`;

/** Bounds of the contracts parameters, as the genesis section's schema sets them (and generous ones where it sets none). */
const limitBounds: Record<(typeof limitNames)[number], { minimum: number; maximum: number; description: string }> = {
  memoryBytesMax: { minimum: 1, maximum: 1024 * 1024 * 1024, description: "Memory a contract call may use, in bytes." },
  stackBytesMax: { minimum: 1, maximum: 64 * 1024 * 1024, description: "Stack a contract call may use, in bytes." },
  codeBytesMax: { minimum: 1, maximum: protocolLimits.txBytesMax, description: "Size of a contract's code, in bytes." },
  callDepthMax: { minimum: 0, maximum: 64, description: "Depth of nested contract calls." },
  stateKeyBytesMax: { minimum: 1, maximum: 256, description: "Size of a contract state key, in bytes." },
  stateValueBytesMax: { minimum: 1, maximum: 256 * 1024, description: "Size of a contract state value, in bytes." },
  eventBytesMax: { minimum: 1, maximum: 64 * 1024, description: "Size of a contract event, in bytes." },
  resultBytesMax: { minimum: 1, maximum: 1024 * 1024, description: "Size of a contract call's result, in bytes." },
};

/** The contracts module's chain parameters, their defaults the chain's initial values (genesis's `sections.contracts`, else the defaults above). */
export function contractsParameterDefinitions(initial: ContractsParameters): ChainParameterDefinitions {
  const definitions: Record<string, ChainParameterDefinition> = {};
  for (const name of limitNames) definitions[name] = { ...limitBounds[name], default: initial.limits[name] };
  for (const name of priceNames) definitions[priceParameter(name)] = { description: `Gas charged per ${name === "work" ? "unit of interpreter work" : name === "hostCall" ? "host call" : name === "storedByte" ? "byte stored" : "byte of events"}.`, minimum: 0, maximum: 1_000_000, default: initial.prices[name] };
  definitions["callGasMax"] = { description: "The largest gasLimit of a contract call; gas is charged as the transaction's cost units.", minimum: 1, maximum: 900_000, default: initial.callGasMax };
  return definitions;
}

/** The limits and prices in force at a height: the chain parameters' scheduled values, else the chain's initial ones. */
export function contractsParametersAt(governance: StateRead, height: number, initial: ContractsParameters): ContractsParameters {
  const value = (name: string, fallback: number): number => scheduledValueAt(governance, `${contractsModuleName}.${name}`, height, fallback);
  return {
    limits: Object.fromEntries(limitNames.map((name) => [name, value(name, initial.limits[name])])) as unknown as ContractsParameters["limits"],
    prices: Object.fromEntries(priceNames.map((name) => [name, value(priceParameter(name), initial.prices[name])])) as unknown as ContractsParameters["prices"],
    callGasMax: value("callGasMax", initial.callGasMax),
  };
}

import { type DatashareGenesisSection, datashareError, datashareModuleName } from "@kexin/core";
import type { GenesisContext, StateRead, StateWrite } from "../../execution/interface.ts";
import type { Genesis } from "../../genesis.ts";
import { datashareKeys } from "./keys.ts";

/**
 * Credits are created only here, from genesis: transactions only move them between organisations,
 * so the balances always sum to the genesis total.
 */
export function writeDatashareGenesis(context: GenesisContext, genesis: Genesis): void {
  const section = genesis.sections?.[datashareModuleName] as DatashareGenesisSection | undefined;
  const credits = section?.credits ?? {};
  const organisations = new Set(genesis.organisations.map((organisation) => organisation.id));
  const total = Object.values(credits).reduce((sum, amount) => sum + amount, 0);
  // Every later balance is at most the total, so a total that JavaScript counts exactly keeps every balance exact.
  if (!Number.isSafeInteger(total)) throw datashareError("DATASHARE_GENESIS_INVALID", `sections.datashare.credits add up to more than ${Number.MAX_SAFE_INTEGER}`);
  for (const organisation of Object.keys(credits).sort()) {
    if (!organisations.has(organisation)) {
      throw datashareError("DATASHARE_GENESIS_INVALID", `sections.datashare.credits names "${organisation}", which is not an organisation of the genesis`, { organisation });
    }
    context.state.set(datashareKeys.credits(organisation), credits[organisation] as number);
  }
}

export function creditsOf(state: StateRead, organisation: string): number {
  return (state.get(datashareKeys.credits(organisation)) as number | undefined) ?? 0;
}

/** Moves `amount` credits from a payer whose balance the caller has read and checked to hold them. */
export function moveCredits(state: StateWrite, from: { readonly organisation: string; readonly balance: number }, to: string, amount: number): void {
  if (amount === 0 || from.organisation === to) return;
  state.set(datashareKeys.credits(from.organisation), from.balance - amount);
  state.set(datashareKeys.credits(to), creditsOf(state, to) + amount);
}

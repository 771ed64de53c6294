import { Type } from "@sinclair/typebox";
import { type StateRead, type StateWrite, defineTxType } from "../../execution/interface.ts";
import { requireRole } from "../identity/index.ts";
import { normaliseGtin } from "./identifiers.ts";
import { traceKeys } from "./keys.ts";
import { traceModuleLimits } from "./limits.ts";
import type { UnitRecord } from "./records.ts";
import { noteBlockTime, requireProduct, traceRoles } from "./registry.ts";
import { traceSchemas } from "./schemas.ts";

/** Dispositions under which a unit is not available stock even where it stands. */
const unavailableDispositions: ReadonlySet<string> = new Set([
  "in_transit",
  "destroyed",
  "disposed",
  "dispensed",
  "retail_sold",
  "stolen",
  "damaged",
  "expired",
  "recalled",
  "inactive",
  "non_sellable_other",
]);

/**
 * Where a unit counts as stock: an active unit, not in transit, at a registered location (which
 * gives the region), not under an unavailable disposition. Cases and pallets are not counted.
 */
export function stockSlot(unit: UnitRecord | undefined): { gtin: string; region: string } | undefined {
  if (unit === undefined || unit.kind !== "unit" || unit.gtin === undefined) return undefined;
  if (unit.status !== "active" || unit.inTransit !== undefined || unit.region === "") return undefined;
  if (unit.disposition !== undefined && unavailableDispositions.has(unit.disposition)) return undefined;
  return { gtin: unit.gtin, region: unit.region };
}

function addStock(state: StateWrite, gtin: string, region: string, delta: number): void {
  const key = traceKeys.stock(gtin, region);
  const quantity = ((state.get(key) as number | undefined) ?? 0) + delta;
  if (quantity < 0) throw new Error(`stock of ${gtin} in ${region} would become negative`);
  if (quantity === 0) {
    state.delete(key);
    state.delete(traceKeys.stockByRegion(region, gtin));
  } else {
    state.set(key, quantity);
    state.set(traceKeys.stockByRegion(region, gtin), quantity);
  }
}

/** Keeps the per-product, per-region counters in step with one unit's change. */
export function updateStock(state: StateWrite, before: UnitRecord | undefined, after: UnitRecord): void {
  const from = stockSlot(before);
  const to = stockSlot(after);
  if (from?.gtin === to?.gtin && from?.region === to?.region) return;
  if (from !== undefined) addStock(state, from.gtin, from.region, -1);
  if (to !== undefined) addStock(state, to.gtin, to.region, 1);
}

export const registerDemand = defineTxType({
  description: "A hospital states how many units of a product it needs in a region (0 withdraws the demand).",
  schema: Type.Object({ gtin: traceSchemas.gtin, region: traceSchemas.region, quantity: traceSchemas.quantity }, { additionalProperties: false }),
  costUnits: 10,
  authorise: (context) => {
    requireRole(context, traceRoles.hospital);
  },
  execute: (context, payload) => {
    const account = requireRole(context, traceRoles.hospital);
    const gtin = normaliseGtin(payload.gtin, "gtin");
    requireProduct(context, gtin);
    const key = traceKeys.demand(gtin, payload.region, account.org);
    const previous = (context.state.get(key) as number | undefined) ?? 0;
    if (payload.quantity === 0) context.state.delete(key);
    else context.state.set(key, payload.quantity);
    const totalKey = traceKeys.demandTotal(gtin, payload.region);
    const total = ((context.state.get(totalKey) as number | undefined) ?? 0) - previous + payload.quantity;
    if (total === 0) context.state.delete(totalKey);
    else context.state.set(totalKey, total);
    noteBlockTime(context);
    context.emit("demand_registered", { gtin, region: payload.region, org: account.org, quantity: payload.quantity, regionTotal: total });
  },
});

export interface RegionBalance {
  readonly gtin: string;
  readonly region: string;
  readonly stock: number;
  readonly demand: number;
  /** stock − demand: negative is a shortage, positive a surplus. */
  readonly balance: number;
}

export interface Transfer {
  readonly gtin: string;
  readonly fromRegion: string;
  readonly toRegion: string;
  readonly quantity: number;
}

function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf("/") + 1);
}

/** Stock and demand of one product in every region that has either, in region order. */
export function regionBalances(state: StateRead, gtin: string): RegionBalance[] {
  const stock = new Map(state.list(traceKeys.stockPrefix(gtin), traceModuleLimits.listingRowsMax).map((entry) => [lastSegment(entry.key), entry.value as number]));
  const demand = new Map(state.list(traceKeys.demandTotalPrefix(gtin), traceModuleLimits.listingRowsMax).map((entry) => [lastSegment(entry.key), entry.value as number]));
  const regions = [...new Set([...stock.keys(), ...demand.keys()])].sort();
  return regions.map((region) => {
    const inStock = stock.get(region) ?? 0;
    const needed = demand.get(region) ?? 0;
    return { gtin, region, stock: inStock, demand: needed, balance: inStock - needed };
  });
}

function byAmountThenRegion(a: { amount: number; region: string }, b: { amount: number; region: string }): number {
  return b.amount - a.amount || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0);
}

/**
 * Suggests transfers that cover shortages from surpluses: the largest shortage is served first,
 * from the largest surplus first, ties by region code, so the suggestion is reproducible.
 */
export function suggestTransfers(balances: readonly RegionBalance[]): Transfer[] {
  const shortages = balances.filter((row) => row.balance < 0).map((row) => ({ region: row.region, gtin: row.gtin, amount: -row.balance }));
  const surpluses = balances.filter((row) => row.balance > 0).map((row) => ({ region: row.region, gtin: row.gtin, amount: row.balance }));
  shortages.sort(byAmountThenRegion);
  surpluses.sort(byAmountThenRegion);
  const transfers: Transfer[] = [];
  for (const shortage of shortages) {
    for (const surplus of surpluses) {
      if (shortage.amount === 0) break;
      if (surplus.amount === 0) continue;
      const quantity = Math.min(shortage.amount, surplus.amount);
      transfers.push({ gtin: shortage.gtin, fromRegion: surplus.region, toRegion: shortage.region, quantity });
      shortage.amount -= quantity;
      surplus.amount -= quantity;
    }
  }
  return transfers;
}

/** Products that have demand registered anywhere, in GTIN order. */
export function productsWithDemand(state: StateRead): string[] {
  const gtins = state.list(traceKeys.demandTotalPrefix(), traceModuleLimits.listingRowsMax).map((entry) => entry.key.split("/")[1] as string);
  return [...new Set(gtins)];
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

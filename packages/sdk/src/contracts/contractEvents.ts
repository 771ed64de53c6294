import type { CommittedTransactionView, EventView, JsonValue, ResultView } from "../types.ts";
import { contractEventType, contractsModule } from "./types.ts";

/** An event a contract emitted with ctx.emit(type, data); data in its JSON form (bytes as hex). */
export type ContractEventView = { readonly contract: string; readonly type: string; readonly data: JsonValue };

function eventsOf(source: CommittedTransactionView | ResultView | readonly EventView[]): readonly EventView[] {
  if (Array.isArray(source)) return source as readonly EventView[];
  if ("result" in source) return source.result.events;
  return (source as ResultView).events;
}

/** The contract events of a committed transaction (or its result, or any list of events), in emission order; only `contract`'s when it is given. */
export function contractEvents(source: CommittedTransactionView | ResultView | readonly EventView[], contract?: string): ContractEventView[] {
  return eventsOf(source)
    .filter((event) => event.module === contractsModule && event.type === contractEventType)
    .map((event) => ({ contract: String(event.attributes.contract), type: String(event.attributes.type), data: event.attributes.data ?? null }))
    .filter((event) => contract === undefined || event.contract === contract);
}

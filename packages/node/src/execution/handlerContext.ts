import { type CborValue, type TxEvent, protocolLimits } from "@kexin/core";
import { ExecutionError } from "./errors.ts";
import type { BlockInfo, Caller, DerivedIndexWrite, FailureContext, ReadContext, StateRead, StateWrite, TxContext } from "./interface.ts";
import { type RawState, readOnlyNamespace } from "./state.ts";

/** A transaction's cost is bounded so that no handler can make a block arbitrarily slow to execute. */
export const costUnitsPerTxMax = 1_000_000;

/*
 * The contexts handlers run in are classes rather than object literals of arrow functions: the
 * node runs its TypeScript through esbuild with keepNames, which names every such arrow with a
 * defineProperty call, and a literal's closures were made (and named) for every transaction,
 * at admission and again at execution.
 */

/** What `authorise` sees: the module's state, the caller, the block, and other modules read-only. */
export class HandlerReadContext implements ReadContext {
  readonly #raw: RawState;

  constructor(
    readonly module: string,
    readonly state: StateRead,
    readonly caller: Caller,
    readonly block: BlockInfo,
    raw: RawState,
  ) {
    this.#raw = raw;
  }

  readModule(module: string): StateRead {
    return readOnlyNamespace(this.#raw, module);
  }
}

/** What `execute` sees: the module's state writable, its derived index, events and cost. */
export class HandlerTxContext extends HandlerReadContext implements TxContext {
  declare readonly state: StateWrite;
  readonly tx: { readonly hash: string };
  readonly index: DerivedIndexWrite;
  /** Own properties, not methods: a handler may hand them on detached (governance passes `emit` to a helper). */
  readonly emit: TxContext["emit"];
  readonly charge: TxContext["charge"];
  readonly #events: TxEvent[] = [];
  #cost: number;

  constructor(module: string, state: StateWrite, caller: Caller, block: BlockInfo, raw: RawState, txHash: string, index: DerivedIndexWrite, baseCost: number) {
    super(module, state, caller, block, raw);
    this.tx = { hash: txHash };
    this.index = index;
    this.#cost = baseCost;
    this.emit = (type, attributes) => this.#emit(type, attributes);
    this.charge = (units) => this.#charge(units);
  }

  /** The events emitted so far, in order. */
  get events(): TxEvent[] {
    return this.#events;
  }

  /** The cost units charged so far, the base cost included. */
  get cost(): number {
    return this.#cost;
  }

  #emit(type: string, attributes: { readonly [key: string]: CborValue }): void {
    if (this.#events.length >= protocolLimits.eventsPerTxMax) {
      throw new ExecutionError({ code: "TX_LIMIT_EXCEEDED", limit: "eventsPerTxMax" }, `a transaction may emit at most ${protocolLimits.eventsPerTxMax} events`);
    }
    this.#events.push({ module: this.module, type, attributes });
  }

  #charge(units: number): void {
    this.#cost += units;
    if (this.#cost > costUnitsPerTxMax) throw new ExecutionError({ code: "TX_COST_EXCEEDED", costMax: costUnitsPerTxMax }, `transaction cost exceeds ${costUnitsPerTxMax} units`);
  }
}

/** What `onFailure` sees: state before the transaction, read-only, and the module's derived index. */
export class HandlerFailureContext extends HandlerReadContext implements FailureContext {
  readonly tx: { readonly hash: string };
  readonly index: DerivedIndexWrite;

  constructor(module: string, state: StateRead, caller: Caller, block: BlockInfo, raw: RawState, txHash: string, index: DerivedIndexWrite) {
    super(module, state, caller, block, raw);
    this.tx = { hash: txHash };
    this.index = index;
  }
}

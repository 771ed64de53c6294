import type { CborValue, ContractsParameters } from "@kexin/core";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { contractsKeys } from "./keys.ts";
import { contractsParametersAt, defaultContractsParameters } from "./parameters.ts";
import { type StoredContract, requireCallable } from "./registry.ts";

/** Records kept at most; beyond it the cache starts again (it holds nothing that is not in state). */
const entriesMax = 1_024;

interface Entry {
  readonly value: unknown;
  /** The height of the block whose execution read it from state. */
  readonly readAtHeight: number;
}

/**
 * Contract records and the contract parameters as decoded objects, kept between transactions:
 * decoding a record (its methods' argument schemas) on every call cost more than running a small
 * method does. Every write of either goes through this class.
 *
 * A value read while block h executes is what the blocks up to h − 1 committed, plus whatever
 * block h wrote before the read. It is used again, at height h or later, only while no write of
 * its key has been seen at height h or later; a block that wrote the key, whether it was then
 * committed, discarded (a BFT proposal that was not decided) or failed the transaction, makes the
 * key read from state again until a later height. That is sound because a node executes every
 * block it commits, in height order, through one runtime, which starts empty: a restart or a
 * replay builds a new one. Values are frozen: nobody may change what another call will read.
 */
export class ContractRecords {
  private readonly entries = new Map<string, Entry>();
  private readonly writtenAtHeight = new Map<string, number>();

  /** `initial`: the chain's contract parameters at genesis, in force until governance schedules others. */
  constructor(private readonly initial: ContractsParameters = defaultContractsParameters) {}

  /** An active contract, or the refusal saying why it cannot run (see requireCallable). */
  callable(state: StateRead, name: string, height: number): StoredContract {
    return this.read(contractsKeys.contract(name), height, () => requireCallable(state, name));
  }

  /**
   * The contract parameters deciding `height`, from governance's schedule (`governance`: its
   * namespace). Kept per height: the values for a height are fixed once the block before it is
   * committed, since changes are scheduled at least one block ahead.
   */
  parameters(governance: StateRead, height: number): ContractsParameters {
    return this.read(`${contractsKeys.parameters}@${height}`, height, () => contractsParametersAt(governance, height, this.initial));
  }

  /** Stores a contract's record; the only way records are written. */
  writeContract(state: StateWrite, height: number, contract: StoredContract): void {
    const key = contractsKeys.contract(contract.name);
    this.wrote(key, height);
    state.set(key, contract as unknown as CborValue);
  }

  private wrote(key: string, height: number): void {
    this.writtenAtHeight.set(key, Math.max(this.writtenAtHeight.get(key) ?? height, height));
    this.entries.delete(key);
  }

  private read<T>(key: string, height: number, fromState: () => T): T {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.readAtHeight <= height && !this.writtenSince(key, entry.readAtHeight)) return entry.value as T;
    const value = fromState();
    if (this.writtenSince(key, height)) return value;
    if (this.entries.size >= entriesMax) this.entries.clear();
    this.entries.set(key, { value: deepFreeze(value), readAtHeight: height });
    return value;
  }

  private writtenSince(key: string, height: number): boolean {
    const written = this.writtenAtHeight.get(key);
    return written !== undefined && written >= height;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || value instanceof Uint8Array || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

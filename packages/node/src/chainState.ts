import { type CryptoSuite, KexinError, bytesEqual, validatorsHash as hashValidators, type Validator } from "@kexin/core";
import { type Genesis, genesisHash, genesisValidators } from "./genesis.ts";
import { type Executor, WriteBuffer } from "./execution/index.ts";
import { writeIdentityGenesis } from "./modules/identity/index.ts";
import { type ChainStore, ledgerFormat } from "./storage/index.ts";

export interface ChainIdentity {
  readonly genesisHash: Uint8Array;
  readonly validators: readonly Validator[];
  readonly validatorsHash: Uint8Array;
}

export class StoreMismatchError extends KexinError<
  { code: "STORE_GENESIS_MISMATCH" } | { code: "STORE_FORMAT_UNSUPPORTED"; found: number; expected: number }
> {}

/**
 * Writes genesis state into an empty store, or checks that a store already holds this genesis.
 * Height 0's head carries the genesis hash, so block 1's prevHash chains the ledger to genesis.
 */
export function openChainState(suite: CryptoSuite, genesis: Genesis, store: ChainStore, executor: Executor): ChainIdentity {
  const hash = genesisHash(suite, genesis);
  const validators = genesisValidators(genesis);
  const identity = { genesisHash: hash, validators, validatorsHash: hashValidators(suite, validators) };
  const stored = store.genesisHash();
  if (stored !== undefined) {
    if (!bytesEqual(stored, hash)) {
      throw new StoreMismatchError(
        { code: "STORE_GENESIS_MISMATCH" },
        "the data folder holds a different chain than this genesis.json; point --home at the right folder or remove the data folder",
      );
    }
    if (store.ledgerFormat() !== ledgerFormat) {
      throw new StoreMismatchError(
        { code: "STORE_FORMAT_UNSUPPORTED", found: store.ledgerFormat(), expected: ledgerFormat },
        `the data folder holds a chain in ledger format ${store.ledgerFormat()}, and this node reads format ${ledgerFormat} (block headers now count their transactions); start the chain in a new folder, or remove this one`,
      );
    }
    return identity;
  }
  const buffer = new WriteBuffer({ getRaw: (key) => store.getState(key), listRaw: (prefix, limit) => [...store.stateRange(prefix, limit)] });
  writeIdentityGenesis(executor.genesisContext(buffer, "identity"), genesis, suite);
  store.initialise(hash, buffer.writes, { height: 0, hash, time: genesis.genesisTime, appHash: executor.appHash(new Uint8Array(32), 0, buffer.writes) });
  return identity;
}

import { type CryptoSuite, KexinError, bytesEqual, validatorsHash as hashValidators, type Validator } from "@kexin/core";
import { Value } from "@sinclair/typebox/value";
import { type Genesis, GenesisError, genesisHash, genesisValidators } from "./genesis.ts";
import { type Executor, WriteBuffer } from "./execution/index.ts";
import type { NodeService } from "./modules/index.ts";
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
export function openChainState(suite: CryptoSuite, genesis: Genesis, store: ChainStore, executor: Executor, services: readonly NodeService[]): ChainIdentity {
  checkGenesisSections(genesis, services);
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
        `the data folder holds a chain in ledger format ${store.ledgerFormat()}, and this node reads format ${ledgerFormat} (the app hash is now the root of a state tree); start the chain in a new folder, or remove this one`,
      );
    }
    return identity;
  }
  const buffer = new WriteBuffer({ getRaw: (key) => store.getState(key), listRaw: (prefix, limit) => [...store.stateRange(prefix, limit)] });
  for (const service of services) service.genesis?.write(executor.genesisContext(buffer, service.module.name), genesis, suite);
  const stateTree = executor.stateCommitment(store, 0, buffer.writes);
  store.initialise(hash, buffer.writes, stateTree, { height: 0, hash, time: genesis.genesisTime, appHash: stateTree.rootHash });
  return identity;
}

/** Every section of genesis.json belongs to a service that reads one, and matches its schema. */
export function checkGenesisSections(genesis: Genesis, services: readonly NodeService[]): void {
  const sections = genesis.sections ?? {};
  for (const name of Object.keys(sections).sort()) {
    const schema = services.find((service) => service.module.name === name)?.genesis?.sectionSchema;
    const field = `sections.${name}`;
    if (schema === undefined) throw new GenesisError({ code: "GENESIS_INVALID", field }, `genesis ${field}: no service of this node reads a genesis section "${name}"`);
    const first = Value.Errors(schema, sections[name]).First();
    if (first !== undefined) {
      const path = first.path.replace(/^\//, "").replaceAll("/", ".");
      throw new GenesisError({ code: "GENESIS_INVALID", field: path ? `${field}.${path}` : field }, `genesis ${field}${path ? `.${path}` : ""}: ${first.message.toLowerCase()}`);
    }
  }
}

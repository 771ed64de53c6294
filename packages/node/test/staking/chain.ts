import { type CborValue, type StakingGenesisSection, type TxResult, addressOf, decodeTrusted, fromHex, getSuite, signTx, stakingModuleName, toHex } from "@kexin/core";
import { type AdmittedTx, ChainParameterCatalog, Executor, ModuleRegistry, type ResolvedQuery, WriteBuffer } from "../../src/execution/index.ts";
import { type Genesis, genesisValidators } from "../../src/genesis.ts";
import { createGovernanceModule } from "../../src/modules/governance/index.ts";
import { identityModule, writeIdentityGenesis } from "../../src/modules/identity/index.ts";
import { createStakingModule, electedValidatorsAt, expectedProposer, stakingElectsValidators, writeStakingGenesis } from "../../src/modules/staking/index.ts";

export const suite = getSuite("intl");

export interface Account {
  readonly key: Uint8Array;
  readonly address: string;
}

function account(): Account {
  const key = suite.generatePrivateKey();
  return { key, address: addressOf(suite, suite.publicKeyOf(key)) };
}

export interface TxRequest {
  readonly from: Account;
  readonly module?: string;
  readonly type: string;
  readonly payload: CborValue;
}

export const defaultStaking: StakingGenesisSection = { enabled: true, allocations: {}, epochBlocks: 4, validators: 4, selfStakeMin: 100, unbondingEpochs: 1, missedTurnsMax: 1 };

/**
 * A chain of identity, governance and staking run by a real executor over in-memory state, block
 * by block: six members (three per organisation), each with a node key its organisation
 * registered; the first four node keys are the genesis validators.
 */
export function stakingChain(staking: Partial<StakingGenesisSection> | null = {}) {
  const admins = [account(), account()];
  const members = Array.from({ length: 6 }, account);
  const nodeKeys = Array.from({ length: 6 }, () => toHex(suite.publicKeyOf(suite.generatePrivateKey())));
  const org = (index: number): string => (index % 2 === 0 ? "org_a" : "org_b");
  const allocations = Object.fromEntries(members.map((member) => [member.address, 1_000]));
  const genesis: Genesis = {
    chainId: "staking-test",
    suite: "intl",
    genesisTime: 0,
    consensus: "bft",
    validators: nodeKeys.slice(0, 4).map((publicKey, index) => ({ name: `v${index}`, publicKey, power: 1 })),
    organisations: ["org_a", "org_b"].map((id, index) => ({ id, name: id, admins: [toHex(suite.publicKeyOf((admins[index] as Account).key))] })),
    members: members.map((member, index) => ({ org: org(index), address: member.address, name: `member ${index}`, roles: [] })),
    nodes: nodeKeys.map((publicKey, index) => ({ org: org(index), name: `node ${index}`, publicKey })),
    ...(staking === null ? {} : { sections: { [stakingModuleName]: { ...defaultStaking, allocations, ...staking } as unknown as CborValue } }),
  };
  const validators = genesisValidators(genesis);
  const governance = createGovernanceModule({ consensus: "bft", genesisValidators: validators, publicKeyBytes: suite.publicKeyBytes, electedValidatorsAt: () => (stakingElectsValidators(genesis) ? (readModule, genesisSet, at) => electedValidatorsAt(readModule(stakingModuleName), genesisSet, at) : undefined), parameterCatalog: () => catalog });
  const catalog = new ChainParameterCatalog([governance]);
  const registry = new ModuleRegistry([identityModule, governance, createStakingModule(genesis, suite.publicKeyBytes)]);
  const committed = new WriteBuffer({ getRaw: () => undefined, listRaw: () => [] });
  const errors: object[] = [];
  const executor = new Executor(registry, suite, committed, { error: (object) => errors.push(object) });
  const genesisBuffer = new WriteBuffer(committed);
  writeIdentityGenesis(executor.genesisContext(genesisBuffer, "identity"), genesis, suite);
  writeStakingGenesis(executor.genesisContext(genesisBuffer, stakingModuleName), genesis, suite);
  genesisBuffer.mergeInto(committed);

  const nonces = new Map<string, number>();
  let height = 0;
  const admit = (request: TxRequest): AdmittedTx => {
    const nonce = nonces.get(request.from.address) ?? 0;
    nonces.set(request.from.address, nonce + 1);
    const module = request.module ?? stakingModuleName;
    const { tx, bytes, hash } = signTx(suite, request.from.key, { chainId: genesis.chainId, nonce, module, type: request.type, payload: request.payload, expiry: 1_000_000 });
    return { tx, bytes, hash, address: request.from.address, resolved: registry.resolveTx(module, request.type, request.payload) };
  };
  const stakingState = () => executor.readCommitted(stakingModuleName);
  /** The set deciding a height, as the node's validator schedule reads it. */
  const validatorsAt = (at: number): string[] => electedValidatorsAt(stakingState(), validators, at).map((validator) => toHex(validator.publicKey)).sort();

  /** Executes and commits the next block; its proposer is the round-0 proposer unless one is named. */
  const block = (requests: readonly TxRequest[] = [], proposer?: string): { results: readonly TxResult[]; writes: string[]; height: number } => {
    height += 1;
    const expected = expectedProposer(electedValidatorsAt(stakingState(), validators, height), height);
    const execution = executor.executeBlock(requests.map(admit), { height, time: height * 1_000, proposer: fromHex(proposer ?? expected) });
    for (const [key, value] of execution.writes) committed.put(key, value);
    return { results: execution.results, writes: [...execution.writes.keys()].filter((key) => !key.startsWith("~index/")), height };
  };
  /** Empty blocks until the chain's height is `target`. */
  const advanceTo = (target: number): void => {
    while (height < target) block();
  };
  const query = (name: string, parameters: Record<string, unknown> = {}): unknown =>
    (registry.resolveQuery(stakingModuleName, name) as ResolvedQuery).definition.run(stakingState(), parameters as never, (module) => executor.readCommitted(module), { height, blockHash: () => undefined }, stakingState());
  const stateValue = (key: string): unknown => {
    const raw = committed.getRaw(`${stakingModuleName}/${key}`);
    return raw === undefined ? undefined : decodeTrusted(raw);
  };
  return { genesis, admins, members, nodeKeys, block, advanceTo, query, stateValue, validatorsAt, expectedProposerAt: (at: number) => expectedProposer(electedValidatorsAt(stakingState(), validators, at), at), errors, height: () => height };
}

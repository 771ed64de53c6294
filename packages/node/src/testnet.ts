import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type SuiteId, addressOf, getSuite, toHex } from "@kexin/core";
import { type Genesis, type GenesisMember, type GenesisNode, type GenesisOrganisation, genesisHash, parseGenesis } from "./genesis.ts";
import { HomeError, type HomeAccount, type NodeConfig, devPassphrase, writeKey } from "./home.ts";
import { peerIdFromSeed, publicKeyHexFromSeed } from "./p2p/index.ts";
import { type TestnetHost, parseTestnetHosts, testnetHost } from "./testnetHosts.ts";

export interface InitTestnetOptions {
  readonly dir: string;
  readonly validators: number;
  readonly chainId?: string;
  readonly suite?: SuiteId;
  readonly force?: boolean;
  /** API port of node 1; node i listens on basePort + i − 1. */
  readonly apiBasePort?: number;
  /** P2P port of node 1; node i listens on basePort + i − 1. */
  readonly p2pBasePort?: number;
  /**
   * Where each node runs, node1's first: a hostname or an IP address, for a network on several
   * machines or network namespaces; all 127.0.0.1 unless given. A node binds an address given as
   * such, and every interface when given a hostname; the others dial it at the host given.
   */
  readonly hosts?: readonly string[];
  /** Blocks are proposed this often when transactions wait (ms). */
  readonly blockIntervalMs?: number;
  /** Services' genesis sections (e.g. datashare's opening credits); none unless given. */
  readonly sections?: Genesis["sections"];
}

export interface TestnetNode {
  readonly name: string;
  readonly home: string;
  readonly org: string;
  readonly apiUrl: string;
  readonly p2pAddress: string;
  readonly validatorPublicKey: string;
  readonly nodeKey: string;
}

export interface InitTestnetResult {
  readonly dir: string;
  readonly chainId: string;
  readonly genesisHash: string;
  readonly nodes: readonly TestnetNode[];
  /** Organisation admins and sample members, with key files under <dir>/keys. */
  readonly accounts: readonly HomeAccount[];
}

const testnetOrganisations = [
  { id: "bureau", name: "Provincial Data Bureau 省数据局" },
  { id: "hospital", name: "City Hospital 市人民医院" },
  { id: "notary", name: "Notary Office 公证处" },
  { id: "merchant", name: "Merchant Alliance 商户联盟" },
  { id: "bank", name: "City Commercial Bank 城市商业银行" },
  { id: "customs", name: "Customs Office 海关" },
  { id: "insurer", name: "Health Insurer 医保中心" },
] as const;

const testnetMembers = [
  { name: "alice", org: "merchant", roles: ["merchant"] },
  { name: "bob", org: "hospital", roles: ["clinician"] },
] as const;

export const testnetValidatorsMax = 16;

/**
 * Writes a local BFT network: one home per validator (node1…nodeN, each with its validator key,
 * node key, config and a copy of the shared genesis), plus <dir>/keys with the organisation admins
 * and sample members. Every node is run by a different organisation and dials all the others.
 */
export async function initTestnet(options: InitTestnetOptions): Promise<InitTestnetResult> {
  const dir = resolve(options.dir);
  const count = options.validators;
  if (!Number.isInteger(count) || count < 1 || count > testnetValidatorsMax) throw new HomeError({ code: "HOME_INVALID" }, `--validators must be from 1 to ${testnetValidatorsMax}`);
  const hosts: readonly TestnetHost[] = options.hosts ? parseTestnetHosts(options.hosts, count) : Array.from({ length: count }, () => testnetHost("127.0.0.1"));
  if (existsSync(join(dir, "testnet.json"))) {
    if (!options.force) throw new HomeError({ code: "HOME_EXISTS" }, `${dir} already holds a testnet; use --force to replace it and its data`);
    rmSync(dir, { recursive: true, force: true });
  }
  const suiteId = options.suite ?? "intl";
  const suite = getSuite(suiteId);
  const intl = getSuite("intl");
  const apiBasePort = options.apiBasePort ?? 7421;
  const p2pBasePort = options.p2pBasePort ?? 7521;
  mkdirSync(join(dir, "keys"), { recursive: true });

  const accounts: HomeAccount[] = [];
  const organisationCount = Math.max(count, 4);
  const organisations: GenesisOrganisation[] = [];
  for (let index = 0; index < organisationCount; index += 1) {
    const spec = testnetOrganisations[index] ?? { id: `org${index + 1}`, name: `Organisation ${index + 1}` };
    const privateKey = suite.generatePrivateKey();
    const name = `${spec.id}-admin`;
    const keyFile = writeKey(dir, name, suiteId, privateKey, devPassphrase, true);
    accounts.push({ name, address: addressOf(suite, suite.publicKeyOf(privateKey)), keyFile, org: spec.id, roles: ["admin"] });
    organisations.push({ id: spec.id, name: spec.name, admins: [toHex(suite.publicKeyOf(privateKey))] });
  }
  const members: GenesisMember[] = testnetMembers.map((member) => {
    const privateKey = suite.generatePrivateKey();
    const keyFile = writeKey(dir, member.name, suiteId, privateKey, devPassphrase, true);
    const address = addressOf(suite, suite.publicKeyOf(privateKey));
    accounts.push({ name: member.name, address, keyFile, org: member.org, roles: [...member.roles] });
    return { org: member.org, address, name: member.name, roles: [...member.roles] };
  });

  const homes = Array.from({ length: count }, (_, index) => {
    const name = `node${index + 1}`;
    const home = join(dir, name);
    mkdirSync(join(home, "keys"), { recursive: true });
    const validatorKey = suite.generatePrivateKey();
    writeKey(home, "validator", suiteId, validatorKey, devPassphrase, true);
    const nodeSeed = intl.generatePrivateKey();
    writeKey(home, "node", "intl", nodeSeed, devPassphrase, true);
    return { name, home, org: (organisations[index] as GenesisOrganisation).id, validatorKey, nodeSeed, host: hosts[index] as TestnetHost };
  });
  const peerIds = await Promise.all(homes.map((home) => peerIdFromSeed(home.nodeSeed)));
  const nodes: GenesisNode[] = homes.map((home) => ({ org: home.org, name: home.name, publicKey: publicKeyHexFromSeed(home.nodeSeed) }));
  const genesis: Genesis = parseGenesis({
    chainId: options.chainId ?? "kexin-testnet",
    suite: suiteId,
    genesisTime: Date.now(),
    consensus: "bft",
    validators: homes.map((home) => ({ name: `${home.name} (${home.org})`, publicKey: toHex(suite.publicKeyOf(home.validatorKey)), power: 1 })),
    organisations,
    members,
    nodes,
    ...(options.sections !== undefined ? { sections: options.sections } : {}),
  });
  const p2pAddress = (index: number): string => `${(homes[index] as (typeof homes)[number]).host.dialPrefix}/tcp/${p2pBasePort + index}/p2p/${peerIds[index]}`;
  const result: TestnetNode[] = homes.map((home, index) => {
    writeFileSync(join(home.home, "genesis.json"), `${JSON.stringify(genesis, null, 2)}\n`);
    const config: NodeConfig = {
      api: { host: home.host.listenHost, port: apiBasePort + index },
      dataDir: "data",
      validatorKeyFile: "keys/validator.key",
      validatorPassphrase: devPassphrase,
      bft: { blockIntervalMs: options.blockIntervalMs ?? 100 },
      p2p: {
        nodeKeyFile: "keys/node.key",
        listen: { host: home.host.listenHost, port: p2pBasePort + index },
        bootstrap: homes.flatMap((_, other) => (other === index ? [] : [p2pAddress(other)])),
      },
    };
    writeFileSync(join(home.home, "config.json"), `${JSON.stringify(config, null, 2)}\n`);
    return {
      name: home.name,
      home: home.home,
      org: home.org,
      apiUrl: `http://${home.host.urlHost}:${apiBasePort + index}`,
      p2pAddress: p2pAddress(index),
      validatorPublicKey: toHex(suite.publicKeyOf(home.validatorKey)),
      nodeKey: publicKeyHexFromSeed(home.nodeSeed),
    };
  });
  const summary: InitTestnetResult = { dir, chainId: genesis.chainId, genesisHash: toHex(genesisHash(suite, genesis)), nodes: result, accounts };
  writeFileSync(join(dir, "testnet.json"), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

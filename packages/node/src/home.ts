import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { KexinError, type SuiteId, addressOf, exportEncryptedKeyFile, getSuite, importEncryptedKeyFile, toHex } from "@kexin/core";
import { type Genesis, type GenesisMember, type GenesisOrganisation, genesisHash, parseGenesis } from "./genesis.ts";
import { rebuildDerivedIndex } from "./derivedIndexRebuild.ts";
import { type KexinNode, type NodeOptions, createNode } from "./node.ts";

/** The passphrase of every key a development home creates; such keys protect nothing of value. */
export const devPassphrase = "kexin-dev";

export interface NodeConfig {
  readonly api: { readonly host: string; readonly port: number };
  readonly dataDir: string;
  /** Absent on a bft node that follows the chain without voting. */
  readonly validatorKeyFile?: string;
  /** Only development homes keep the passphrase here; others read KEXIN_VALIDATOR_PASSPHRASE. */
  readonly validatorPassphrase?: string;
  readonly solo?: { readonly blockTxsMax?: number; readonly idleBlockDelayMs?: number };
  readonly bft?: { readonly blockTxsMax?: number; readonly blockIntervalMs?: number; readonly emptyBlockIntervalMs?: number };
  /** Free bytes the data folder's disk keeps; block production halts (DISK_SPACE_LOW) below it. Default 1 GiB. */
  readonly diskReserveBytes?: number;
  /** Each service's own settings by service name, as its service documents them; relative paths are taken from the home. */
  readonly services?: { readonly [service: string]: unknown };
  /** Required by bft chains: the node key (Ed25519, encrypted like the validator key), where to listen and whom to dial. */
  readonly p2p?: { readonly nodeKeyFile: string; readonly listen: { readonly host: string; readonly port: number }; readonly bootstrap: readonly string[] };
}

/** A development chain holds little, and its quick start should run on a laptop's nearly full disk too; production keeps the 1 GiB default. */
const devDiskReserveBytes = 64 * 1024 * 1024;

export interface InitNodeHomeOptions {
  readonly home: string;
  readonly dev: boolean;
  readonly chainId?: string;
  readonly suite?: SuiteId;
  readonly force?: boolean;
  /** Protects the keys of a non-development home. */
  readonly passphrase?: string;
}

export interface HomeAccount {
  readonly name: string;
  readonly address: string;
  readonly keyFile: string;
  readonly org: string;
  readonly roles: string[];
}

export interface InitNodeHomeResult {
  readonly home: string;
  readonly chainId: string;
  readonly genesisHash: string;
  readonly accounts: HomeAccount[];
}

const devOrganisations = [
  { id: "bureau", name: "Provincial Data Bureau 省数据局" },
  { id: "hospital", name: "City Hospital 市人民医院" },
  { id: "notary", name: "Notary Office 公证处" },
  { id: "merchant", name: "Merchant Alliance 商户联盟" },
] as const;

const devMembers = [
  { name: "alice", org: "merchant", roles: ["merchant"] },
  { name: "bob", org: "hospital", roles: ["clinician"] },
] as const;

export type HomeErrorType = { code: "HOME_EXISTS" } | { code: "HOME_MISSING" } | { code: "HOME_INVALID" } | { code: "HOME_NO_PASSPHRASE" };
export class HomeError extends KexinError<HomeErrorType> {}

export function writeKey(home: string, name: string, suiteId: SuiteId, privateKey: Uint8Array, passphrase: string, dev: boolean): string {
  const suite = getSuite(suiteId);
  const keyFile = join(home, "keys", `${name}.key`);
  // Development keys use a cheaper scrypt cost so a first start is quick; they guard nothing.
  writeFileSync(keyFile, exportEncryptedKeyFile(suite, privateKey, passphrase, dev ? { scryptN: 2 ** 14, scryptP: 1 } : undefined), { mode: 0o600 });
  const publicKey = suite.publicKeyOf(privateKey);
  writeFileSync(
    join(home, "keys", `${name}.pub.json`),
    `${JSON.stringify({ name, suite: suiteId, publicKey: toHex(publicKey), address: addressOf(suite, publicKey) }, null, 2)}\n`,
  );
  return keyFile;
}

/**
 * Creates a node home: genesis.json, config.json and keys/. A development home adds sample
 * organisations (bureau, hospital, notary, merchant) with admin keys and two members.
 */
export async function initNodeHome(options: InitNodeHomeOptions): Promise<InitNodeHomeResult> {
  const home = resolve(options.home);
  if (existsSync(join(home, "genesis.json"))) {
    if (!options.force) throw new HomeError({ code: "HOME_EXISTS" }, `${home} already holds a chain (genesis.json); use --force to replace it and its data`);
    rmSync(join(home, "data"), { recursive: true, force: true });
  }
  const passphrase = options.dev ? devPassphrase : options.passphrase;
  if (!passphrase) throw new HomeError({ code: "HOME_NO_PASSPHRASE" }, "a passphrase is needed to protect the new keys (--passphrase or KEXIN_PASSPHRASE)");
  const suiteId = options.suite ?? "intl";
  const suite = getSuite(suiteId);
  mkdirSync(join(home, "keys"), { recursive: true });

  const accounts: HomeAccount[] = [];
  const newKey = (name: string, org: string, roles: string[]): Uint8Array => {
    const privateKey = suite.generatePrivateKey();
    const keyFile = writeKey(home, name, suiteId, privateKey, passphrase, options.dev);
    accounts.push({ name, address: addressOf(suite, suite.publicKeyOf(privateKey)), keyFile, org, roles });
    return privateKey;
  };

  const validatorKey = suite.generatePrivateKey();
  writeKey(home, "validator", suiteId, validatorKey, passphrase, options.dev);
  const organisationSpecs = options.dev ? devOrganisations : [{ id: "consortium", name: "Consortium" }];
  const organisations: GenesisOrganisation[] = organisationSpecs.map((organisation) => ({
    id: organisation.id,
    name: organisation.name,
    admins: [toHex(suite.publicKeyOf(newKey(`${organisation.id}-admin`, organisation.id, ["admin"])))],
  }));
  const members: GenesisMember[] = options.dev
    ? devMembers.map((member) => {
        const privateKey = newKey(member.name, member.org, [...member.roles]);
        return { org: member.org, address: addressOf(suite, suite.publicKeyOf(privateKey)), name: member.name, roles: [...member.roles] };
      })
    : [];

  const genesis: Genesis = parseGenesis({
    chainId: options.chainId ?? (options.dev ? "kexin-dev" : "kexin"),
    suite: suiteId,
    genesisTime: Date.now(),
    consensus: "solo",
    validators: [{ name: "validator-1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
    organisations,
    members,
    // A home's chain runs contracts, with the default limits and gas prices.
    sections: { contracts: {} },
  });
  writeFileSync(join(home, "genesis.json"), `${JSON.stringify(genesis, null, 2)}\n`);
  const config: NodeConfig = {
    api: { host: "127.0.0.1", port: 7420 },
    dataDir: "data",
    validatorKeyFile: "keys/validator.key",
    ...(options.dev ? { validatorPassphrase: devPassphrase, diskReserveBytes: devDiskReserveBytes } : {}),
    solo: { blockTxsMax: 5000 },
  };
  writeFileSync(join(home, "config.json"), `${JSON.stringify(config, null, 2)}\n`);
  return { home, chainId: genesis.chainId, genesisHash: toHex(genesisHash(suite, genesis)), accounts };
}

const configSettings: ReadonlySet<string> = new Set(["api", "dataDir", "validatorKeyFile", "validatorPassphrase", "solo", "bft", "diskReserveBytes", "services", "p2p"]);

/** A home's genesis and node config, as `kexin init` wrote them. */
function readHome(home: string): { genesis: Genesis; config: NodeConfig } {
  const path = join(home, "config.json");
  const config = readJson(path, "the node config");
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new HomeError({ code: "HOME_INVALID" }, `${path} must hold a JSON object`);
  // A setting the node does not read would be ignored without a word; a moved one must say where it went.
  const unknown = Object.keys(config).filter((key) => !configSettings.has(key));
  if (unknown.length > 0) {
    throw new HomeError(
      { code: "HOME_INVALID" },
      `${path} has settings this node does not read: ${unknown.join(", ")}; a service's settings go under "services": { "<service>": { … } } (see docs/operations.md)`,
    );
  }
  return { genesis: parseGenesis(readJson(join(home, "genesis.json"), "the genesis")), config: config as NodeConfig };
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new HomeError({ code: "HOME_INVALID" }, `cannot read ${what} at ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The data folder a home's config names. */
export function homeDataDir(home: string): string {
  const root = resolve(home);
  return join(root, readHome(root).config.dataDir);
}

export interface StartNodeOptions {
  readonly home: string;
  /** The data folder instead of the one config.json names (relative paths from the working directory). */
  readonly dataDir?: string;
  readonly apiHost?: string;
  readonly apiPort?: number;
  readonly dev?: boolean;
  readonly onHalt?: (error: unknown) => void;
}

export interface StartedNode extends KexinNode {
  readonly home: string;
  readonly dataDir: string;
  readonly created?: InitNodeHomeResult;
}

/** Starts a node from its home; with `dev`, creates a development home first when there is none. */
export async function startNode(options: StartNodeOptions): Promise<StartedNode> {
  const home = resolve(options.home);
  let created: InitNodeHomeResult | undefined;
  if (!existsSync(join(home, "genesis.json"))) {
    if (!options.dev) throw new HomeError({ code: "HOME_MISSING" }, `${home} has no genesis.json; run "kexin init" first, or start with --dev`);
    created = await initNodeHome({ home, dev: true });
  }
  const { genesis, config } = readHome(home);
  const passphrase = config.validatorPassphrase ?? process.env.KEXIN_VALIDATOR_PASSPHRASE;
  if (!passphrase) throw new HomeError({ code: "HOME_NO_PASSPHRASE" }, "set KEXIN_VALIDATOR_PASSPHRASE to unlock the validator key");
  const readKey = (file: string, what: string): { suite: SuiteId; privateKey: Uint8Array } => {
    try {
      return importEncryptedKeyFile(readFileSync(join(home, file), "utf8"), passphrase);
    } catch (error) {
      throw new HomeError({ code: "HOME_INVALID" }, `cannot read the ${what} at ${join(home, file)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  let validatorPrivateKey: Uint8Array | undefined;
  if (config.validatorKeyFile !== undefined) {
    const validatorKey = readKey(config.validatorKeyFile, "validator key");
    if (validatorKey.suite !== genesis.suite) throw new HomeError({ code: "HOME_INVALID" }, `the validator key is a ${validatorKey.suite} key but the chain uses ${genesis.suite}`);
    validatorPrivateKey = validatorKey.privateKey;
  } else if (genesis.consensus === "solo") {
    throw new HomeError({ code: "HOME_INVALID" }, "config.json names no validatorKeyFile; a solo chain needs its validator key");
  }
  let p2p: NodeOptions["p2p"];
  if (genesis.consensus === "bft") {
    if (!config.p2p) throw new HomeError({ code: "HOME_INVALID" }, "config.json has no p2p section; a bft chain needs a node key, a listen address and bootstrap peers");
    const nodeKey = readKey(config.p2p.nodeKeyFile, "node key");
    if (nodeKey.suite !== "intl") throw new HomeError({ code: "HOME_INVALID" }, "the node key must be an Ed25519 (intl) key");
    p2p = { nodeKeySeed: nodeKey.privateKey, listen: config.p2p.listen, bootstrap: config.p2p.bootstrap };
  }
  const dataDir = options.dataDir !== undefined ? resolve(options.dataDir) : join(home, config.dataDir);
  const node = await createNode({
    genesis,
    dataDir,
    ...(validatorPrivateKey ? { validatorPrivateKey } : {}),
    api: { host: options.apiHost ?? config.api.host, port: options.apiPort ?? config.api.port },
    solo: config.solo ?? {},
    bft: config.bft ?? {},
    ...(p2p ? { p2p } : {}),
    ...(config.diskReserveBytes !== undefined ? { diskReserveBytes: config.diskReserveBytes } : {}),
    ...(config.services ? { services: config.services } : {}),
    home,
    ...(options.onHalt ? { onHalt: options.onHalt } : {}),
  });
  return Object.assign(node, { home, dataDir, ...(created ? { created } : {}) });
}

/**
 * Rebuilds the derived index of a home's data folder by replaying its blocks (see
 * rebuildDerivedIndex), or of the data folder given instead of the home's. Refused while the
 * home's node runs (the data folder's lock).
 */
export async function rebuildHomeDerivedIndex(
  home: string,
  onBlock?: (height: number, headHeight: number) => void,
  dataDirOverride?: string,
): Promise<{ readonly height: number; readonly entries: number; readonly dataDir: string }> {
  const root = resolve(home);
  if (!existsSync(join(root, "genesis.json"))) throw new HomeError({ code: "HOME_MISSING" }, `${root} has no genesis.json; point --home at a node's home`);
  const { genesis, config } = readHome(root);
  const dataDir = dataDirOverride !== undefined ? resolve(dataDirOverride) : join(root, config.dataDir);
  if (!existsSync(dataDir)) throw new HomeError({ code: "HOME_INVALID" }, `${dataDir} does not exist; the node has not run yet, so there is no index to rebuild`);
  const rebuilt = await rebuildDerivedIndex({ dataDir, genesis, ...(onBlock ? { onBlock } : {}) });
  return { ...rebuilt, dataDir };
}

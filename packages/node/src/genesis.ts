import {
  type CborValue,
  type CryptoSuite,
  type SuiteId,
  type Validator,
  addressOf,
  encodeCanonical,
  fromHex,
  getSuite,
  isHex,
  namePattern,
  suiteIds,
  KexinError,
  protocolLimits,
} from "@kexin/core";

export type GenesisErrorType = { code: "GENESIS_INVALID"; field: string };
export class GenesisError extends KexinError<GenesisErrorType> {}

export interface GenesisValidator {
  readonly name: string;
  readonly publicKey: string;
  readonly power: number;
}

export interface GenesisOrganisation {
  readonly id: string;
  readonly name: string;
  /** Public keys (hex) of the organisation's admins. */
  readonly admins: readonly string[];
}

/** A node key (the Ed25519 key a node's p2p connections are encrypted with) allowed to join at genesis. */
export interface GenesisNode {
  readonly org: string;
  readonly name: string;
  readonly publicKey: string;
}

export const consensusEngines = ["solo", "bft"] as const;
export type ConsensusEngine = (typeof consensusEngines)[number];

export interface GenesisMember {
  readonly org: string;
  readonly address: string;
  readonly name: string;
  readonly roles: readonly string[];
}

/** The chain's first document: everything every node must agree on before block 1. */
export interface Genesis {
  readonly chainId: string;
  readonly suite: SuiteId;
  readonly genesisTime: number;
  readonly consensus: ConsensusEngine;
  readonly validators: readonly GenesisValidator[];
  readonly organisations: readonly GenesisOrganisation[];
  readonly members: readonly GenesisMember[];
  readonly nodes: readonly GenesisNode[];
  /** Services' own sections by service name, each checked against the schema its service declares. */
  readonly sections?: { readonly [service: string]: CborValue };
}

function fail(field: string, message: string): never {
  throw new GenesisError({ code: "GENESIS_INVALID", field }, `genesis ${field}: ${message}`);
}

function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) fail(field, "must be an object");
  return value as Record<string, unknown>;
}

function requireString(value: unknown, field: string, pattern?: RegExp, lengthMax = 128): string {
  if (typeof value !== "string" || value.length === 0 || value.length > lengthMax) fail(field, `must be a non-empty string of at most ${lengthMax} characters`);
  if (pattern && !pattern.test(value)) fail(field, `must match ${pattern.source}`);
  return value;
}

function requireArray(value: unknown, field: string, lengthMax: number): unknown[] {
  if (!Array.isArray(value)) fail(field, "must be an array");
  if (value.length > lengthMax) fail(field, `must have at most ${lengthMax} entries`);
  return value;
}

/** Validates a parsed genesis.json and returns it typed; every problem names its field. */
export function parseGenesis(input: unknown): Genesis {
  const document = requireObject(input, "document");
  const chainId = requireString(document.chainId, "chainId", /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
  const suiteName = requireString(document.suite, "suite");
  if (!suiteIds.includes(suiteName as SuiteId)) fail("suite", `must be one of ${suiteIds.join(", ")}`);
  const suite = getSuite(suiteName);
  const genesisTime = document.genesisTime;
  if (typeof genesisTime !== "number" || !Number.isSafeInteger(genesisTime) || genesisTime < 0) fail("genesisTime", "must be milliseconds since the Unix epoch");
  if (!consensusEngines.includes(document.consensus as ConsensusEngine)) fail("consensus", `must be one of ${consensusEngines.join(", ")}`);
  const consensus = document.consensus as ConsensusEngine;

  const validators = requireArray(document.validators, "validators", protocolLimits.validatorsMax).map((item, index) => {
    const field = `validators[${index}]`;
    const validator = requireObject(item, field);
    // Public keys are longer than names: an uncompressed SM2 key is 130 hex digits.
    const publicKey = requireString(validator.publicKey, `${field}.publicKey`, undefined, 512);
    if (!isHex(publicKey, suite.publicKeyBytes)) fail(`${field}.publicKey`, `must be ${suite.publicKeyBytes} bytes of hex`);
    const power = validator.power;
    if (typeof power !== "number" || !Number.isSafeInteger(power) || power < 1 || power > protocolLimits.votingPowerMax) {
      fail(`${field}.power`, `must be an integer from 1 to ${protocolLimits.votingPowerMax}`);
    }
    return { name: requireString(validator.name, `${field}.name`), publicKey: publicKey.toLowerCase(), power };
  });
  if (validators.length === 0) fail("validators", "must name at least one validator");
  if (consensus === "solo" && validators.length !== 1) fail("validators", "solo consensus runs exactly one validator");
  const validatorKeys = new Set<string>();
  validators.forEach((validator, index) => {
    if (validatorKeys.has(validator.publicKey)) fail(`validators[${index}].publicKey`, "is listed twice");
    validatorKeys.add(validator.publicKey);
  });

  const organisationIds = new Set<string>();
  const organisations = requireArray(document.organisations, "organisations", 1_000).map((item, index) => {
    const field = `organisations[${index}]`;
    const organisation = requireObject(item, field);
    const id = requireString(organisation.id, `${field}.id`, namePattern);
    if (organisationIds.has(id)) fail(`${field}.id`, `"${id}" is listed twice`);
    organisationIds.add(id);
    const admins = requireArray(organisation.admins, `${field}.admins`, 64).map((admin, adminIndex) => {
      if (!isHex(admin, suite.publicKeyBytes)) fail(`${field}.admins[${adminIndex}]`, `must be a ${suite.publicKeyBytes}-byte public key in hex`);
      return (admin as string).toLowerCase();
    });
    if (admins.length === 0) fail(`${field}.admins`, "must name at least one admin");
    return { id, name: requireString(organisation.name, `${field}.name`), admins };
  });
  if (organisations.length === 0) fail("organisations", "must name at least one organisation");

  const members = requireArray(document.members ?? [], "members", 10_000).map((item, index) => {
    const field = `members[${index}]`;
    const member = requireObject(item, field);
    const org = requireString(member.org, `${field}.org`);
    if (!organisationIds.has(org)) fail(`${field}.org`, `"${org}" is not an organisation of this genesis`);
    const address = requireString(member.address, `${field}.address`, /^[0-9a-f]{40}$/);
    const roles = requireArray(member.roles, `${field}.roles`, 16).map((role, roleIndex) => requireString(role, `${field}.roles[${roleIndex}]`, namePattern));
    return { org, address, name: requireString(member.name, `${field}.name`), roles };
  });

  const nodeKeys = new Set<string>();
  const nodes = requireArray(document.nodes ?? [], "nodes", 1_000).map((item, index) => {
    const field = `nodes[${index}]`;
    const node = requireObject(item, field);
    const org = requireString(node.org, `${field}.org`);
    if (!organisationIds.has(org)) fail(`${field}.org`, `"${org}" is not an organisation of this genesis`);
    const publicKey = requireString(node.publicKey, `${field}.publicKey`);
    if (!isHex(publicKey, 32)) fail(`${field}.publicKey`, "must be a 32-byte Ed25519 node key in hex");
    if (nodeKeys.has(publicKey.toLowerCase())) fail(`${field}.publicKey`, "is listed twice");
    nodeKeys.add(publicKey.toLowerCase());
    return { org, name: requireString(node.name, `${field}.name`), publicKey: publicKey.toLowerCase() };
  });

  const sections = document.sections === undefined ? undefined : (requireObject(document.sections, "sections") as Record<string, CborValue>);
  return { chainId, suite: suiteName as SuiteId, genesisTime, consensus, validators, organisations, members, nodes, ...(sections ? { sections } : {}) };
}

export function genesisToCbor(genesis: Genesis): CborValue {
  return [
    "kexin/genesis/1",
    {
      chainId: genesis.chainId,
      suite: genesis.suite,
      genesisTime: genesis.genesisTime,
      consensus: genesis.consensus,
      validators: genesis.validators.map((validator) => ({ name: validator.name, publicKey: fromHex(validator.publicKey), power: validator.power })),
      organisations: genesis.organisations.map((organisation) => ({
        id: organisation.id,
        name: organisation.name,
        admins: organisation.admins.map((admin) => fromHex(admin)),
      })),
      members: genesis.members.map((member) => ({ org: member.org, address: member.address, name: member.name, roles: [...member.roles] })),
      // Listed only when present, so genesis documents without nodes keep their hash.
      ...(genesis.nodes.length > 0 ? { nodes: genesis.nodes.map((node) => ({ org: node.org, name: node.name, publicKey: fromHex(node.publicKey) })) } : {}),
      // Likewise only when present: the sections' schemas keep them to values CBOR encodes canonically.
      ...(genesis.sections !== undefined && Object.keys(genesis.sections).length > 0 ? { sections: genesis.sections } : {}),
    },
  ];
}

export function genesisHash(suite: CryptoSuite, genesis: Genesis): Uint8Array {
  return suite.hash(encodeCanonical(genesisToCbor(genesis)));
}

export function genesisValidators(genesis: Genesis): Validator[] {
  return genesis.validators.map((validator) => ({ publicKey: fromHex(validator.publicKey), power: validator.power }));
}

export function adminAddresses(suite: CryptoSuite, organisation: GenesisOrganisation): string[] {
  return organisation.admins.map((admin) => addressOf(suite, fromHex(admin)));
}


import type { CryptoSuite, OrganisationRecord } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type Genesis, adminAddresses } from "../../genesis.ts";
import { type GenesisContext, type ModuleDefinition, type StateRead, defineQuery, defineTxType } from "../../execution/interface.ts";
import { type Account, accountKey, identityModuleName, readAccount, requireAdminOf } from "./permissions.ts";
import { type ServiceFactory, defineService } from "../service.ts";
import { IdentityError } from "./errors.ts";
import { accountsQuery, nodeKeysQuery } from "./lists.ts";

export { type Account, accountKey, administeredOrganisation, identityModuleName, readAccount, requireAdminOf, requireRegistered, requireRole } from "./permissions.ts";
export { organisationApprovalsNeeded, organisationCount, withApproval } from "./approvals.ts";

export { IdentityError, type IdentityErrorType } from "./errors.ts";

/** An organisation as stored and as the organisations query answers it (@kexin/core identity/records.ts). */
export type Organisation = OrganisationRecord;

const orgKey = (id: string): string => `org/${id}`;

/** The organisation of that id, or undefined when there is none. */
export function readOrganisation(identity: StateRead, id: string): Organisation | undefined {
  return identity.get(orgKey(id)) as Organisation | undefined;
}
const nodeKey = (publicKey: string): string => `node/${publicKey}`;

const address = Type.String({ pattern: "^[0-9a-f]{40}$", description: "40 hex digits" });
const orgId = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" });
const role = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" });
const roles = Type.Array(role, { maxItems: 16, uniqueItems: true });
const displayName = Type.String({ minLength: 1, maxLength: 128 });

function requireOrganisation(identity: StateRead, org: string): Organisation {
  const organisation = identity.get(orgKey(org)) as Organisation | undefined;
  if (!organisation) throw new IdentityError({ code: "IDENTITY_UNKNOWN_ORGANISATION", org }, `organisation "${org}" does not exist`);
  return organisation;
}

function requireUnregistered(identity: StateRead, target: string): void {
  if (readAccount(identity, target)) throw new IdentityError({ code: "IDENTITY_ALREADY_REGISTERED", address: target }, `account ${target} is already registered`);
}

function requireManagedAccount(identity: StateRead, target: string): Account {
  const account = readAccount(identity, target);
  if (!account) throw new IdentityError({ code: "IDENTITY_UNKNOWN_ACCOUNT", address: target }, `account ${target} is not registered`);
  if (account.kind === "admin") {
    throw new IdentityError({ code: "IDENTITY_ADMIN_IMMUTABLE", address: target }, `account ${target} is an organisation admin named in genesis and cannot be changed here`);
  }
  return account;
}

const registerMember = defineTxType({
  description: "An organisation admin registers a member account with roles.",
  schema: Type.Object({ org: orgId, address, name: displayName, roles }, { additionalProperties: false }),
  costUnits: 10,
  authorise: (context, payload) => {
    requireAdminOf(context, payload.org);
  },
  execute: (context, payload) => {
    requireOrganisation(context.state, payload.org);
    requireUnregistered(context.state, payload.address);
    const account: Account = { org: payload.org, kind: "member", name: payload.name, roles: payload.roles, active: true, model: "" };
    context.state.set(accountKey(payload.address), account);
    context.emit("member_registered", { org: payload.org, address: payload.address, roles: [...payload.roles] });
  },
});

const registerDevice = defineTxType({
  description: "An organisation admin registers a device (e.g. a recording camera) that signs its own transactions.",
  schema: Type.Object({ org: orgId, address, name: displayName, model: Type.String({ maxLength: 128 }) }, { additionalProperties: false }),
  costUnits: 10,
  authorise: (context, payload) => {
    requireAdminOf(context, payload.org);
  },
  execute: (context, payload) => {
    requireOrganisation(context.state, payload.org);
    requireUnregistered(context.state, payload.address);
    context.state.set(accountKey(payload.address), { org: payload.org, kind: "device", name: payload.name, roles: ["device"], active: true, model: payload.model } satisfies Account);
    context.emit("device_registered", { org: payload.org, address: payload.address });
  },
});

const registerNode = defineTxType({
  description: "An organisation admin registers a node key allowed to join the network.",
  schema: Type.Object({ org: orgId, publicKey: Type.String({ pattern: "^[0-9a-f]{2,256}$" }), name: displayName }, { additionalProperties: false }),
  costUnits: 10,
  authorise: (context, payload) => {
    requireAdminOf(context, payload.org);
  },
  execute: (context, payload) => {
    requireOrganisation(context.state, payload.org);
    if (context.state.get(nodeKey(payload.publicKey))) {
      throw new IdentityError({ code: "IDENTITY_ALREADY_REGISTERED", address: payload.publicKey }, `node key ${payload.publicKey} is already registered`);
    }
    context.state.set(nodeKey(payload.publicKey), { org: payload.org, name: payload.name });
    context.emit("node_registered", { org: payload.org, publicKey: payload.publicKey });
  },
});

function authoriseAdminOfTarget(context: Parameters<typeof requireAdminOf>[0], target: string): void {
  const account = readAccount(context.readModule(identityModuleName), target);
  // An unknown target is reported by execute; authorisation needs the org, so fall back to the caller's.
  requireAdminOf(context, account?.org ?? "");
}

const setRoles = defineTxType({
  description: "An admin replaces the roles of a member of their organisation.",
  schema: Type.Object({ address, roles }, { additionalProperties: false }),
  costUnits: 10,
  authorise: (context, payload) => authoriseAdminOfTarget(context, payload.address),
  execute: (context, payload) => {
    const account = requireManagedAccount(context.state, payload.address);
    context.state.set(accountKey(payload.address), { ...account, roles: payload.roles });
    context.emit("roles_set", { address: payload.address, roles: [...payload.roles] });
  },
});

const revoke = defineTxType({
  description: "An admin revokes a member or device of their organisation; it can no longer sign transactions.",
  schema: Type.Object({ address }, { additionalProperties: false }),
  costUnits: 10,
  authorise: (context, payload) => authoriseAdminOfTarget(context, payload.address),
  execute: (context, payload) => {
    const account = requireManagedAccount(context.state, payload.address);
    context.state.set(accountKey(payload.address), { ...account, active: false });
    context.emit("revoked", { address: payload.address });
  },
});

export const identityModule: ModuleDefinition = {
  name: identityModuleName,
  description: "Organisations, their admins, members, devices and node keys; the permission service's data.",
  txTypes: {
    register_member: registerMember,
    register_device: registerDevice,
    register_node: registerNode,
    set_roles: setRoles,
    revoke,
  },
  queries: {
    organisations: defineQuery({
      description: "Every organisation with its admins' addresses.",
      parameters: Type.Object({}),
      run: (state) => ({ organisations: state.list("org/", 1_000).map((entry) => entry.value) }),
    }),
    member: defineQuery({
      description: "A registered account by address.",
      parameters: Type.Object({ address }),
      run: (state, parameters) => {
        const account = readAccount(state, parameters.address);
        return account ? { address: parameters.address, ...account } : null;
      },
    }),
    accounts: accountsQuery,
    node_keys: nodeKeysQuery,
  },
};

/** Writes the organisations, their admins and the genesis members. */
export function writeIdentityGenesis(context: GenesisContext, genesis: Genesis, suite: CryptoSuite): void {
  for (const organisation of genesis.organisations) {
    const admins = adminAddresses(suite, organisation);
    context.state.set(orgKey(organisation.id), { id: organisation.id, name: organisation.name, admins });
    for (const admin of admins) {
      context.state.set(accountKey(admin), { org: organisation.id, kind: "admin", name: `${organisation.name} admin`, roles: ["admin"], active: true, model: "" } satisfies Account);
    }
  }
  for (const member of genesis.members) {
    context.state.set(accountKey(member.address), { org: member.org, kind: "member", name: member.name, roles: member.roles, active: true, model: "" } satisfies Account);
  }
  for (const node of genesis.nodes) context.state.set(nodeKey(node.publicKey), { org: node.org, name: node.name });
}

/** The organisation that registered node key `publicKeyHex`, or undefined when no organisation did. */
export function readNodeOrganisation(identity: StateRead, publicKeyHex: string): string | undefined {
  return (identity.get(nodeKey(publicKeyHex)) as { org: string } | undefined)?.org;
}

/** Whether a node key may connect: registered in genesis or by an organisation admin, and not revoked. */
export function isRegisteredNodeKey(state: { get(key: string): unknown }, publicKeyHex: string): boolean {
  return state.get(nodeKey(publicKeyHex)) !== undefined;
}

/** Identity as the node runs it: genesis organisations and members, and the node keys p2p admits. */
export const createIdentityService: ServiceFactory = () =>
  defineService({
    module: identityModule,
    genesis: { write: writeIdentityGenesis },
    admitsPeer: (readModule, publicKeyHex) => isRegisteredNodeKey(readModule(identityModuleName), publicKeyHex),
  });

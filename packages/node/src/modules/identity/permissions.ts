import { ExecutionError, notAuthorised } from "../../execution/errors.ts";
import type { ReadContext, StateRead } from "../../execution/interface.ts";

/** A registered account, as the identity module stores it under `identity/account/<address>`. */
export type Account = {
  readonly org: string;
  readonly kind: "admin" | "member" | "device";
  readonly name: string;
  readonly roles: readonly string[];
  readonly active: boolean;
  /** The device model for devices; empty otherwise. */
  readonly model: string;
};

/** The identity service's name: its module, namespace and section of the registry. */
export const identityModuleName = "identity";

export function accountKey(address: string): string {
  return `account/${address}`;
}

export function readAccount(identity: StateRead, address: string): Account | undefined {
  return identity.get(accountKey(address)) as Account | undefined;
}

/**
 * The one permission service every module uses: is the caller a registered, active account,
 * and does it hold a role, or administer an organisation.
 */
export function requireRegistered(context: ReadContext): Account {
  const account = readAccount(context.readModule(identityModuleName), context.caller.address);
  if (account === undefined || !account.active) {
    throw new ExecutionError(
      { code: "TX_SIGNER_NOT_REGISTERED", address: context.caller.address },
      `signer ${context.caller.address} is not a registered account of any organisation${account ? " (revoked)" : ""}`,
    );
  }
  return account;
}

export function requireRole(context: ReadContext, role: string): Account {
  const account = requireRegistered(context);
  if (!account.roles.includes(role)) {
    throw notAuthorised(context.caller.address, role, `signer ${context.caller.address} does not have the "${role}" role`);
  }
  return account;
}

export function requireAdminOf(context: ReadContext, org: string): Account {
  const account = requireRegistered(context);
  if (account.kind !== "admin" || account.org !== org) {
    throw notAuthorised(context.caller.address, `admin of ${org}`, `signer ${context.caller.address} is not an admin of organisation "${org}"`);
  }
  return account;
}

/** The organisation the caller administers as an active admin, or undefined when it is no admin. */
export function administeredOrganisation(context: ReadContext): string | undefined {
  const account = readAccount(context.readModule(identityModuleName), context.caller.address);
  return account !== undefined && account.active && account.kind === "admin" ? account.org : undefined;
}

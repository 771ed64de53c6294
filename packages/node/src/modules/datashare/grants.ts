import { type CborValue, type Grantee, type GrantRecord, datashareError, grantPayloadSchema, revokePayloadSchema } from "@kexin/core";
import { type ReadContext, type StateRead, type StateWrite, defineTxType } from "../../execution/interface.ts";
import { identityModuleName, readAccount, readOrganisation } from "../identity/index.ts";
import { requireAdministeredOrganisation, requireDataset } from "./catalogue.ts";
import { datashareKeys } from "./keys.ts";
import { appendToList, datashareLists } from "./lists.ts";
import { checkRecordSchema } from "./recordSchema.ts";

/** A grant as kept in state: everything but its count of accesses, which is kept apart (datashareKeys.grantAccesses). */
export type GrantTerms = Omit<GrantRecord, "accesses">;

/** The grant without its count, for what does not need it (a key release). */
export function readGrantTerms(state: StateRead, dataset: string, grantee: Grantee): GrantTerms | undefined {
  return state.get(datashareKeys.grant(dataset, grantee)) as GrantTerms | undefined;
}

export function readGrant(state: StateRead, dataset: string, grantee: Grantee): GrantRecord | undefined {
  const terms = readGrantTerms(state, dataset, grantee);
  return terms === undefined ? undefined : { ...terms, accesses: grantAccessesOf(state, dataset, grantee) };
}

export function grantAccessesOf(state: StateRead, dataset: string, grantee: Grantee): number {
  return (state.get(datashareKeys.grantAccesses(dataset, grantee)) as number | undefined) ?? 0;
}

function writeGrant(state: StateWrite, grant: GrantRecord): void {
  const { accesses: _counted, ...stored } = grant;
  state.set(datashareKeys.grant(grant.dataset, grant.grantee), stored as unknown as CborValue);
}

/** A grant no longer allows anything from the block after its revocation. */
export function grantRevokedAt(grant: GrantTerms, height: number): boolean {
  return grant.revokedFrom !== undefined && height >= grant.revokedFrom;
}

/** The dataset, checked to be one the signer administers the owner of. */
function requireOwnedDataset(context: ReadContext, id: string, action: string) {
  const organisation = requireAdministeredOrganisation(context, action);
  const dataset = requireDataset(context.state, id);
  if (dataset.owner !== organisation) {
    throw datashareError("DATASHARE_NOT_ADMIN", `only an admin of "${dataset.owner}", the owner of dataset "${id}", may ${action}`, { dataset: id, owner: dataset.owner });
  }
  return dataset;
}

function requireGrantee(context: ReadContext, grantee: Grantee): void {
  const identity = context.readModule(identityModuleName);
  const known = grantee.kind === "organisation" ? readOrganisation(identity, grantee.id) !== undefined : readAccount(identity, grantee.id)?.active === true;
  if (!known) throw datashareError("DATASHARE_GRANTEE_UNKNOWN", `the grantee ${grantee.kind} ${grantee.id} is not registered on this chain`, { grantee: grantee.id });
}

export const grant = defineTxType({
  description: "The owner's admin grants a dataset (or named fields) to an organisation or member, with purpose, expiry height and an access quota.",
  schema: grantPayloadSchema,
  costUnits: 10,
  authorise: (context, payload) => {
    requireOwnedDataset(context, payload.dataset, "grant it");
  },
  execute: (context, payload) => {
    const dataset = requireOwnedDataset(context, payload.dataset, "grant it");
    requireGrantee(context, payload.grantee);
    if (payload.expiresAt <= context.block.height) {
      throw datashareError("DATASHARE_EXPIRY_PASSED", `the grant would expire at height ${payload.expiresAt}, not after the current ${context.block.height}`, { expiresAt: payload.expiresAt, height: context.block.height });
    }
    if (payload.fields !== undefined) {
      const known = new Set(checkRecordSchema(dataset.recordSchema));
      const unknown = payload.fields.find((field) => !known.has(field));
      if (unknown !== undefined) throw datashareError("DATASHARE_FIELD_UNKNOWN", `dataset "${dataset.id}" has no field "${unknown}"`, { dataset: dataset.id, field: unknown });
    }
    // Kept sorted: the fields an access covers are named in this order in its key release.
    const fields = payload.fields === undefined ? {} : { fields: [...payload.fields].sort() };
    const record: GrantRecord = { ...payload, ...fields, accesses: 0, grantedBy: context.caller.address, grantedAt: context.block.height };
    const replaced = readGrant(context.state, payload.dataset, payload.grantee);
    if (replaced === undefined) appendToList(context, datashareLists.grants(payload.dataset), [payload.grantee.kind, payload.grantee.id]);
    // A new grant replaces the old one with its count.
    else if (replaced.accesses > 0) context.state.delete(datashareKeys.grantAccesses(payload.dataset, payload.grantee));
    writeGrant(context.state, record);
    context.emit("granted", { dataset: payload.dataset, grantee: payload.grantee.id, kind: payload.grantee.kind, expiresAt: payload.expiresAt, accessesMax: payload.accessesMax });
  },
});

export const revoke = defineTxType({
  description: "The owner's admin revokes a grant; accesses are refused from the next block on.",
  schema: revokePayloadSchema,
  costUnits: 5,
  authorise: (context, payload) => {
    requireOwnedDataset(context, payload.dataset, "revoke its grants");
  },
  execute: (context, payload) => {
    requireOwnedDataset(context, payload.dataset, "revoke its grants");
    const existing = readGrant(context.state, payload.dataset, payload.grantee);
    if (existing === undefined) {
      throw datashareError("DATASHARE_GRANT_NOT_FOUND", `dataset "${payload.dataset}" has no grant to ${payload.grantee.kind} ${payload.grantee.id}`, { dataset: payload.dataset, grantee: payload.grantee.id });
    }
    if (existing.revokedFrom !== undefined) {
      throw datashareError("DATASHARE_GRANT_REVOKED", `the grant of "${payload.dataset}" to ${payload.grantee.id} was revoked from height ${existing.revokedFrom}`, { revokedFrom: existing.revokedFrom });
    }
    const revokedFrom = context.block.height + 1;
    writeGrant(context.state, { ...existing, revokedFrom });
    context.emit("revoked", { dataset: payload.dataset, grantee: payload.grantee.id, kind: payload.grantee.kind, revokedFrom });
  },
});

import { type AccessRecord, type DatasetRecord, type GrantRecord, type Grantee, accessPayloadSchema, datashareError, subjectRecordsPerAccessMax } from "@kexin/core";
import { type ReadContext, type StateRead, type TxContext, defineTxType } from "../../execution/interface.ts";
import { type Account, requireRegistered } from "../identity/index.ts";
import { requireDataset } from "./catalogue.ts";
import { creditsOf, moveCredits } from "./credits.ts";
import { type GrantTerms, grantRevokedAt, readGrant } from "./grants.ts";
import { datashareKeys } from "./keys.ts";
import { appendToAccessLists, datashareLists } from "./lists.ts";
import { requireSharedRecord } from "./records.ts";
import { accessOfStored, storedAccess } from "./storedForms.ts";

/** The committed (or, in a block, earlier) access of transaction `tx`. */
export function readAccessRecord(state: StateRead, tx: string): AccessRecord | undefined {
  const stored = state.get(datashareKeys.access(tx));
  return stored === undefined ? undefined : accessOfStored(tx, stored);
}

type AccessPayload = { readonly record: string; readonly purpose: string } | { readonly dataset: string; readonly subject: string; readonly purpose: string };

/**
 * The dataset and records an access reads: one record, or every record of a subject in a dataset
 * published before it (in record id order), refused when there are more than
 * subjectRecordsPerAccessMax rather than silently reading only some.
 */
function recordsOfAccess(state: StateRead, payload: AccessPayload): { dataset: DatasetRecord; records: string[]; subject: string } {
  if ("record" in payload) {
    const record = requireSharedRecord(state, payload.record);
    return { dataset: requireDataset(state, record.dataset), records: [record.id], subject: record.subject };
  }
  const dataset = requireDataset(state, payload.dataset);
  const prefix = datashareKeys.subjectRecordPrefix(payload.dataset, payload.subject);
  const records = state.list(prefix, subjectRecordsPerAccessMax + 1).map((entry) => entry.key.slice(prefix.length));
  if (records.length > subjectRecordsPerAccessMax) {
    throw datashareError(
      "DATASHARE_SUBJECT_RECORDS_TOO_MANY",
      `dataset "${payload.dataset}" has more than ${subjectRecordsPerAccessMax} records of subject ${payload.subject}, more than one access covers; access them by record id`,
      { dataset: payload.dataset, recordsMax: subjectRecordsPerAccessMax },
    );
  }
  if (records.length === 0) throw datashareError("DATASHARE_SUBJECT_NOT_FOUND", `dataset "${payload.dataset}" has no record of subject ${payload.subject}`, { dataset: payload.dataset });
  return { dataset, records, subject: payload.subject };
}

/** The grant that lets `address` of `organisation` read `dataset`: its own grant as a member first, else its organisation's. */
export function grantFor(state: StateRead, dataset: string, address: string, organisation: string): { grantee: Grantee; grant: GrantRecord } | undefined {
  for (const grantee of [{ kind: "member", id: address }, { kind: "organisation", id: organisation }] as const) {
    const found = readGrant(state, dataset, grantee);
    if (found !== undefined) return { grantee, grant: found };
  }
  return undefined;
}

/** Why the grant allows nothing at `height`, or undefined when it allows an access. */
export function grantRefusal(grant: GrantTerms, height: number) {
  if (grantRevokedAt(grant, height)) {
    return datashareError("DATASHARE_GRANT_REVOKED", `the grant of "${grant.dataset}" to ${grant.grantee.id} was revoked from height ${grant.revokedFrom ?? 0}`, { dataset: grant.dataset, revokedFrom: grant.revokedFrom ?? 0 });
  }
  if (height > grant.expiresAt) {
    return datashareError("DATASHARE_GRANT_EXPIRED", `the grant of "${grant.dataset}" to ${grant.grantee.id} expired after height ${grant.expiresAt}`, { dataset: grant.dataset, expiresAt: grant.expiresAt, height });
  }
  return undefined;
}

function requireUsableGrant(context: TxContext, dataset: DatasetRecord, organisation: string): { grantee: Grantee; grant: GrantRecord } {
  const found = grantFor(context.state, dataset.id, context.caller.address, organisation);
  if (found === undefined) {
    throw datashareError("DATASHARE_NO_GRANT", `neither ${context.caller.address} nor "${organisation}" holds a grant of dataset "${dataset.id}"`, { dataset: dataset.id, organisation });
  }
  const refusal = grantRefusal(found.grant, context.block.height);
  if (refusal !== undefined) throw refusal;
  if (found.grant.accesses >= found.grant.accessesMax) {
    throw datashareError("DATASHARE_QUOTA_EXHAUSTED", `the grant of "${dataset.id}" to ${found.grantee.id} allowed ${found.grant.accessesMax} accesses, all used`, { dataset: dataset.id, accessesMax: found.grant.accessesMax });
  }
  return found;
}

/**
 * The checks and payment of one use of `dataset` by the registered `requester`, an access or a
 * compute: a usable grant (not revoked, not expired, quota left) unless the requester's
 * organisation owns the dataset, and credits for the price, paid to the owner. Counts the use
 * against the grant.
 */
export function chargeUse(context: TxContext, requester: Account, dataset: DatasetRecord): { granted: { grantee: Grantee; grant: GrantRecord } | undefined; price: number } {
  const ownAccess = requester.org === dataset.owner;
  const granted = ownAccess ? undefined : requireUsableGrant(context, dataset, requester.org);
  // Reading one's own organisation's data is recorded like any access but earns and costs nothing.
  const price = ownAccess ? 0 : dataset.price;
  const balance = creditsOf(context.state, requester.org);
  if (balance < price) {
    throw datashareError("DATASHARE_NO_CREDITS", `"${requester.org}" has ${balance} credits; an access to "${dataset.id}" costs ${price}`, { organisation: requester.org, balance, price });
  }
  if (granted !== undefined) context.state.set(datashareKeys.grantAccesses(dataset.id, granted.grantee), granted.grant.accesses + 1);
  moveCredits(context.state, { organisation: requester.org, balance }, dataset.owner, price);
  return { granted, price };
}

/** Lists the access under its dataset, its requester and the requester's organisation, and its subject, for the audit views. */
function recordAccessInLists(context: TxContext, record: AccessRecord, subject: string): void {
  appendToAccessLists(context, [record.tx, context.block.time], [
    datashareLists.datasetAccesses(record.dataset),
    datashareLists.organisationAccesses(record.organisation),
    datashareLists.requesterAccesses(record.requester),
    datashareLists.subjectAccesses(record.owner, subject),
  ]);
}

/**
 * The requester's account as `authorise` read it, for `execute` of the same transaction: the
 * executor runs both on one context, and an account is the costliest value an access decodes.
 * Keyed weakly by context, so nothing outlives its transaction and nothing is iterated.
 */
const registeredByContext = new WeakMap<ReadContext, Account>();

export const access = defineTxType({
  description: "A member reads a record (or a subject's records) for a purpose: checks grant, expiry, quota and credits, records the access and pays the owner.",
  schema: accessPayloadSchema,
  costUnits: 10,
  authorise: (context) => {
    registeredByContext.set(context, requireRegistered(context));
  },
  execute: (context, payload) => {
    const requester = registeredByContext.get(context) ?? requireRegistered(context);
    const { dataset, records, subject } = recordsOfAccess(context.state, payload);
    const { granted, price } = chargeUse(context, requester, dataset);
    const tx = context.tx.hash;
    const height = context.block.height;
    const record: AccessRecord = {
      tx,
      requester: context.caller.address,
      organisation: requester.org,
      dataset: dataset.id,
      owner: dataset.owner,
      records,
      purpose: payload.purpose,
      height,
      price,
      ...(granted !== undefined ? { grantee: granted.grantee } : {}),
      ...(granted?.grant.fields !== undefined ? { fields: granted.grant.fields } : {}),
    };
    context.state.set(datashareKeys.access(tx), storedAccess(record));
    recordAccessInLists(context, record, subject);
    // The requester and the purpose are the transaction's own signer and payload; the event adds what execution decided.
    context.emit("accessed", { dataset: dataset.id, organisation: requester.org, records: [...records], price });
  },
});

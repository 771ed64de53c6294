import { type AccessRecord, type DatashareError, datashareError } from "@kexin/core";
import type { StateRead } from "../../execution/interface.ts";
import { grantRefusal, readAccessRecord } from "./access.ts";
import type { CommittedRecords } from "./committedRecords.ts";
import { readComputeRecord } from "./compute.ts";
import { readEncryptionKey } from "./encryptionKeys.ts";
import { type GrantTerms, readGrantTerms } from "./grants.ts";
import type { DataKeyStore } from "./keyStore.ts";

/**
 * The checks of a key release, shared by the single and the batch route. Each reads committed
 * state only, so a key is released for what the chain has decided and nothing else.
 */

/**
 * The access transaction `access` that lets `signer` have the key of `record`, or why it does
 * not: none committed, another account's, another record's, or under a grant revoked or past its
 * expiry at the committed height `head`. The access names the fields it covers under a field
 * grant (the grant's fields at the access's height), the only ones whose keys are released.
 * `grants` keeps the grants read for one request, whose items mostly share one.
 */
export function releasableAccess(state: StateRead, head: number, signer: string, access: string, record: string, grants = new Map<string, GrantTerms | undefined>()): AccessRecord | DatashareError {
  const accessed = readAccessRecord(state, access);
  if (accessed === undefined && readComputeRecord(state, access) !== undefined) {
    return datashareError("DATASHARE_COMPUTE_NO_KEYS", `${access} is a compute request: its records are read by the owner's node only, and no key is released for it`, { access });
  }
  if (accessed === undefined) return datashareError("DATASHARE_ACCESS_NOT_FOUND", `no committed, successful access transaction ${access}`, { access });
  if (accessed.requester !== signer) return datashareError("DATASHARE_ACCESS_NOT_YOURS", `access ${access} was made by ${accessed.requester}, not ${signer}`, { access });
  if (!accessed.records.includes(record)) return datashareError("DATASHARE_RECORD_NOT_IN_ACCESS", `access ${access} did not read record "${record}"`, { record });
  if (accessed.grantee === undefined) return accessed;
  const grantKey = `${accessed.dataset}\u0000${accessed.grantee.kind}\u0000${accessed.grantee.id}`;
  const grant = grants.has(grantKey) ? grants.get(grantKey) : readGrantTerms(state, accessed.dataset, accessed.grantee);
  grants.set(grantKey, grant);
  // A committed revocation stops key release at once (accesses, from the next block); expiry counts from the
  // committed height, so an access in the grant's last block still obtains its key until the next block.
  return (grant === undefined ? undefined : grantRefusal(grant, Math.max(head, grant.revokedFrom ?? 0))) ?? accessed;
}

/** The requester's registered encryption key, which must be the one the request names; refuses otherwise. */
export function requireRegisteredKey(state: StateRead, signer: string, named: string): string {
  const registered = readEncryptionKey(state, signer);
  if (registered === undefined) throw datashareError("DATASHARE_NO_ENCRYPTION_KEY", `${signer} has registered no encryption key; send datashare.register_encryption_key first`);
  if (registered.publicKey !== named) throw datashareError("DATASHARE_KEY_MISMATCH", `keys are released only to the requester's registered encryption key ${registered.publicKey}, not ${named}`);
  return registered.publicKey;
}

export type HeldRecordKey = { readonly hash: string; readonly size: number; readonly dataKey: Uint8Array };

/** The data key this node holds for the published `record`, or DATASHARE_KEY_NOT_HELD naming the organisation to ask. */
export async function heldRecordKey(state: StateRead, keys: DataKeyStore, records: CommittedRecords, access: string, record: string): Promise<HeldRecordKey | DatashareError> {
  const published = records.read(state, record);
  const held = await keys.get(record);
  if (published === undefined || held === undefined || held.hash !== published.hash) {
    const owner = readAccessRecord(state, access)?.owner;
    return datashareError("DATASHARE_KEY_NOT_HELD", `this node holds no data key of record "${record}"; ask the node of its owner "${String(owner)}"`, { record });
  }
  return { hash: published.hash, size: published.size, dataKey: held.dataKey };
}

import type { AccessEntry, AccessRecord, CredentialVerificationRecord } from "@kexin/core";
import type { StateRead } from "../../execution/interface.ts";
import { credentialKeys } from "./credentialKeys.ts";
import { readCredential } from "./credentials.ts";
import { readAccessRecord } from "./access.ts";
import { type NamedList, type StoredAccess, readListPage } from "./lists.ts";

/** A credential verification as an entry of the audit lists: the verifier as requester, the issuer as owner. */
function credentialVerificationEntry(state: StateRead, tx: string, time: number): AccessEntry {
  const verification = state.get(credentialKeys.verification(tx)) as unknown as CredentialVerificationRecord;
  const dataset = readCredential(state, verification.credential)?.dataset;
  return {
    kind: "credential_verification",
    tx,
    requester: verification.verifier,
    organisation: verification.organisation,
    owner: verification.issuer,
    ...(dataset !== undefined ? { dataset } : {}),
    records: [],
    purpose: verification.purpose,
    height: verification.height,
    price: 0,
    time,
    credential: verification.credential,
    result: verification.result,
  };
}

function accessEntry(state: StateRead, [tx, time, kind]: StoredAccess): AccessEntry {
  if (kind === "credential_verification") return credentialVerificationEntry(state, tx, time);
  return { kind: "access", ...(readAccessRecord(state, tx) as AccessRecord), time };
}

/** A page of an audit list: each access or verification record from state, with its block's time from the list. */
export function accessesPage(state: StateRead, index: StateRead, list: NamedList, parameters: { readonly start?: string; readonly limit?: string }) {
  const { entries, ...page } = readListPage<StoredAccess>(index, list, parameters);
  return { ...page, accesses: entries.map((entry) => accessEntry(state, entry)) };
}

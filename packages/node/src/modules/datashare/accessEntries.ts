import type { AccessEntry, AccessRecord, ComputeRecord, CredentialVerificationRecord } from "@kexin/core";
import type { StateRead } from "../../execution/interface.ts";
import { credentialKeys } from "./credentialKeys.ts";
import { readCredential } from "./credentials.ts";
import { readAccessRecord } from "./access.ts";
import { readComputeRecord } from "./compute.ts";
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

/** A compute request as an entry of the audit lists: the records its model read, and whether the owner's node has answered. */
function computeEntry(state: StateRead, tx: string, time: number): AccessEntry {
  const record = readComputeRecord(state, tx) as ComputeRecord;
  const { requester, organisation, dataset, owner, purpose, height, price, contract, method, codeHash, result } = record;
  return { kind: "compute", tx, requester, organisation, dataset, owner, records: record.records.map((item) => item.id), purpose, height, price, time, contract, method, codeHash, status: result?.outcome.status ?? "pending" };
}

function accessEntry(state: StateRead, [tx, time, kind]: StoredAccess): AccessEntry {
  if (kind === "credential_verification") return credentialVerificationEntry(state, tx, time);
  if (kind === "compute") return computeEntry(state, tx, time);
  return { kind: "access", ...(readAccessRecord(state, tx) as AccessRecord), time };
}

/** A page of an audit list: each access or verification record from state, with its block's time from the list. */
export function accessesPage(state: StateRead, index: StateRead, list: NamedList, parameters: { readonly start?: string; readonly limit?: string }) {
  const { entries, ...page } = readListPage<StoredAccess>(index, list, parameters);
  return { ...page, accesses: entries.map((entry) => accessEntry(state, entry)) };
}

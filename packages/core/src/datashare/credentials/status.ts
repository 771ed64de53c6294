import { base64urlnopad } from "@scure/base";
import { concatBytes } from "../../bytes.ts";
import { datashareError } from "../errors.ts";
import { credentialStatusListBits, credentialStatusListBytesMax } from "./limits.ts";
import type { CredentialDocument, CredentialJson } from "./proof.ts";

/**
 * Status follows the W3C Bitstring Status List: each credential carries a
 * `BitstringStatusListEntry` per purpose naming its issuer's list of that purpose and its index
 * there, and a list is a bitstring (index 0 the most significant bit of the first byte) where 1
 * means revoked, or suspended. Each issuing organisation has two lists on chain: `revocation`,
 * final, and `suspension`, which is set and cleared again; a credential has the same index in
 * both. A list's `statusListCredential` is a URN naming the chain, the organisation and the
 * purpose rather than a URL, since any node of the chain answers for it.
 */
export const credentialStatusPurposes = ["revocation", "suspension"] as const;
export type CredentialStatusPurpose = (typeof credentialStatusPurposes)[number];
/** The purpose every credential carries an entry for; credentials issued before suspension existed carry only this one. */
export const credentialStatusPurpose = "revocation";

export function credentialStatusListId(chainId: string, organisation: string, purpose: CredentialStatusPurpose = credentialStatusPurpose): string {
  return `urn:kexin:${chainId}:datashare:status-list:${organisation}:${purpose}`;
}

/** The credentialStatus entry of a credential at `index` of its issuer's list of `purpose`. */
export function credentialStatusEntry(chainId: string, organisation: string, index: number, purpose: CredentialStatusPurpose = credentialStatusPurpose): { [key: string]: CredentialJson } {
  if (!Number.isSafeInteger(index) || index < 0 || index >= credentialStatusListBits) {
    throw datashareError("DATASHARE_STATUS_INVALID", `a status list index is from 0 to ${credentialStatusListBits - 1}, not ${index}`, { index });
  }
  const list = credentialStatusListId(chainId, organisation, purpose);
  return { id: `${list}#${index}`, type: "BitstringStatusListEntry", statusPurpose: purpose, statusListIndex: String(index), statusListCredential: list };
}

/** The credentialStatus of a credential issued now: its revocation and suspension entries, at the same index. */
export function credentialStatusEntries(chainId: string, organisation: string, index: number): { [key: string]: CredentialJson }[] {
  return credentialStatusPurposes.map((purpose) => credentialStatusEntry(chainId, organisation, index, purpose));
}

export interface CredentialStatusReference {
  readonly statusListCredential: string;
  readonly index: number;
}

/** The credential's status entry of `purpose` (by default its revocation entry); undefined when it carries none this service reads. */
export function credentialStatusReferenceOf(credential: CredentialDocument, purpose: CredentialStatusPurpose = credentialStatusPurpose): CredentialStatusReference | undefined {
  const status = credential.credentialStatus;
  const entries = Array.isArray(status) ? status : status === undefined ? [] : [status];
  for (const entry of entries) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) continue;
    const fields = entry as { readonly [key: string]: CredentialJson };
    if (fields.type !== "BitstringStatusListEntry" || fields.statusPurpose !== purpose) continue;
    const indexText = fields.statusListIndex;
    if (typeof indexText !== "string" || !/^(0|[1-9][0-9]{0,9})$/.test(indexText) || typeof fields.statusListCredential !== "string") return undefined;
    const index = Number(indexText);
    if (index >= credentialStatusListBits) return undefined;
    return { statusListCredential: fields.statusListCredential, index };
  }
  return undefined;
}

/** A bitstring's bit at `index`; bits past its end are 0. */
export function statusBit(bitstring: Uint8Array, index: number): boolean {
  const byte = bitstring[index >> 3];
  return byte !== undefined && (byte & (0x80 >> (index & 7))) !== 0;
}

/** The same bitstring with the bit at `index` set. */
export function withStatusBit(bitstring: Uint8Array, index: number): Uint8Array {
  const next = bitstring.slice();
  next[index >> 3] = (next[index >> 3] ?? 0) | (0x80 >> (index & 7));
  return next;
}

/** The same bitstring with the bit at `index` cleared. */
export function withoutStatusBit(bitstring: Uint8Array, index: number): Uint8Array {
  const next = bitstring.slice();
  next[index >> 3] = (next[index >> 3] ?? 0) & ~(0x80 >> (index & 7));
  return next;
}

/** The multibase base64url (`u…`) text of a GZIP-compressed bitstring: the `encodedList` of a Bitstring Status List. */
export function encodedListOf(gzipped: Uint8Array): string {
  return `u${base64urlnopad.encode(gzipped)}`;
}

async function gunzipBounded(gzipped: Uint8Array, bytesMax: number): Promise<Uint8Array> {
  const stream = new Blob([gzipped.slice()]).stream().pipeThrough(new DecompressionStream("gzip"));
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    // A list is 16 KiB; a small compressed input must not be allowed to inflate without bound.
    if (total > bytesMax) throw datashareError("DATASHARE_STATUS_INVALID", `the status list inflates past ${bytesMax} bytes`);
    chunks.push(chunk);
  }
  return concatBytes(...chunks);
}

/** The bitstring of an `encodedList`; DATASHARE_STATUS_INVALID when it is not multibase base64url GZIP data. */
export async function decodeEncodedList(encodedList: string): Promise<Uint8Array> {
  let gzipped: Uint8Array;
  try {
    if (!encodedList.startsWith("u")) throw new Error("not multibase base64url");
    gzipped = base64urlnopad.decode(encodedList.slice(1));
  } catch (error) {
    throw datashareError("DATASHARE_STATUS_INVALID", `the status list's encodedList is not multibase base64url: ${(error as Error).message}`);
  }
  try {
    return await gunzipBounded(gzipped, credentialStatusListBytesMax);
  } catch (error) {
    if ((error as { code?: string }).code === "DATASHARE_STATUS_INVALID") throw error;
    throw datashareError("DATASHARE_STATUS_INVALID", `the status list is not GZIP data: ${(error as Error).message}`);
  }
}

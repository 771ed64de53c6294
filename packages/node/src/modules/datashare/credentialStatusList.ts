import { gzipSync } from "node:zlib";
import { type CredentialStatusPurpose, credentialStatusListBits, credentialStatusPageBits, encodedListOf, withStatusBit, withoutStatusBit } from "@kexin/core";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { credentialKeys } from "./credentialKeys.ts";

const pageBytes = credentialStatusPageBits / 8;
const pagesPerList = credentialStatusListBits / credentialStatusPageBits;

/** Where each list's pages are kept: the revocation list under the keys it had before suspension existed. */
const listKeys: Readonly<Record<CredentialStatusPurpose, { readonly page: (issuer: string, page: number) => string; readonly prefix: (issuer: string) => string }>> = {
  revocation: { page: credentialKeys.statusPage, prefix: credentialKeys.statusPagePrefix },
  suspension: { page: credentialKeys.suspensionPage, prefix: credentialKeys.suspensionPagePrefix },
};

function readPage(state: StateRead, purpose: CredentialStatusPurpose, issuer: string, page: number): Uint8Array {
  return (state.get(listKeys[purpose].page(issuer, page)) as Uint8Array | undefined) ?? new Uint8Array(pageBytes);
}

/** Sets (or clears) an index's bit of one of the issuer's lists; the page written holds only that index's neighbours. */
export function writeStatusBit(state: StateWrite, purpose: CredentialStatusPurpose, issuer: string, index: number, set: boolean): void {
  const page = Math.floor(index / credentialStatusPageBits);
  const bits = readPage(state, purpose, issuer, page);
  const offset = index % credentialStatusPageBits;
  state.set(listKeys[purpose].page(issuer, page), set ? withStatusBit(bits, offset) : withoutStatusBit(bits, offset));
}

/** One of the issuer's whole lists as a Bitstring Status List encodedList: pages never written are zero. */
export function encodedStatusList(state: StateRead, purpose: CredentialStatusPurpose, issuer: string): string {
  const bitstring = new Uint8Array(credentialStatusListBits / 8);
  for (const entry of state.list(listKeys[purpose].prefix(issuer), pagesPerList)) {
    bitstring.set(entry.value as Uint8Array, credentialKeys.pageOfKey(entry.key) * pageBytes);
  }
  return encodedListOf(gzipSync(bitstring));
}

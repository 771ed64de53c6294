import { gzipSync } from "node:zlib";
import { credentialStatusListBits, credentialStatusPageBits, encodedListOf, statusBit, withStatusBit } from "@kexin/core";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { credentialKeys } from "./credentialKeys.ts";

const pageBytes = credentialStatusPageBits / 8;
const pagesPerList = credentialStatusListBits / credentialStatusPageBits;

function readPage(state: StateRead, issuer: string, page: number): Uint8Array {
  return (state.get(credentialKeys.statusPage(issuer, page)) as Uint8Array | undefined) ?? new Uint8Array(pageBytes);
}

/** Sets an index's bit of the issuer's revocation list; the page written holds only that index's neighbours. */
export function setStatusBit(state: StateWrite, issuer: string, index: number): void {
  const page = Math.floor(index / credentialStatusPageBits);
  state.set(credentialKeys.statusPage(issuer, page), withStatusBit(readPage(state, issuer, page), index % credentialStatusPageBits));
}

export function statusBitOf(state: StateRead, issuer: string, index: number): boolean {
  return statusBit(readPage(state, issuer, Math.floor(index / credentialStatusPageBits)), index % credentialStatusPageBits);
}

/** The issuer's whole list as a Bitstring Status List encodedList: pages never written are zero. */
export function encodedStatusList(state: StateRead, issuer: string): string {
  const bitstring = new Uint8Array(credentialStatusListBits / 8);
  for (const entry of state.list(credentialKeys.statusPagePrefix(issuer), pagesPerList)) {
    bitstring.set(entry.value as Uint8Array, credentialKeys.pageOfKey(entry.key) * pageBytes);
  }
  return encodedListOf(gzipSync(bitstring));
}

/** Every bound of verifiable credentials, in one place. */

/** Indices of an issuer's status list: the Bitstring Status List's minimum of 16 KiB, so that one credential's index says little about it. */
export const credentialStatusListBits = 131_072;
/** A decoded status list may be no larger than this (the list itself is a sixteenth of it). */
export const credentialStatusListBytesMax = 256 * 1024;
/** Bits in one page of a status list in chain state: a revocation rewrites one page, never the whole list. */
export const credentialStatusPageBits = 1_024;

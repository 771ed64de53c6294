/**
 * An upload of an envelope to a node's blob store is authorised by a signed transaction body of
 * this module and type with the payload `{ hash, size }` of the envelope, which is never
 * submitted: no module has this transaction type, so the signed body can never execute, and it
 * authorises storing those exact bytes and nothing else.
 */
export const sealedUploadAuthorisation = { module: "evidence", type: "store_blob" } as const;


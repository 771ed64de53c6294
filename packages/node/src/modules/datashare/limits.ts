/** Every bound of the datashare service on the node, in one place. */

/** Entries a list query answers at most; `limit` may ask for fewer. */
export const datashareListLimitMax = 1_000;
/** How long a key-release challenge may wait for its request. */
export const challengeLifetimeMs = 60_000;
/** Challenges waiting at once; beyond it the oldest gives way. */
export const challengesOutstandingMax = 10_000;
/** A signed request body is a few hundred bytes; its hex far below this. */
export const signedRequestHexLengthMax = 16_384;
/** A signed batch key-release request: up to keyReleaseBatchItemsMax items of about 200 bytes each, as hex. */
export const signedBatchRequestHexLengthMax = 131_072;

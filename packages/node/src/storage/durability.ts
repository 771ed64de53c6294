/**
 * How the node's LMDB environment reaches the disk; docs/operations.md, "Durability", has the
 * measurements behind it.
 *
 * Every write of the node is a `transactionSync`, and nothing is reported (a block announced, a
 * vote sent) before that call has returned. With these flags the call returns only after LMDB has
 * fdatasync'ed the data file and written the new meta page through its O_DSYNC descriptor, so a
 * returned commit is on disk, whichever write call a later change uses.
 *
 * lmdb-js turns `overlappingSync` on by default on Linux. Its synchronous transactions still sync
 * before they return, but its asynchronous writes resolve before their fsync, and its `flushed`
 * promise does not track synchronous transactions at all (lmdb-js 3.5): the guarantee would rest
 * on which call a caller picked. Off, LMDB's own rule holds for every commit, at the same cost for
 * the synchronous ones measured here. `LMDB_RESTORE=safe` only matters with it on: no meta page
 * is then ever newer than what was flushed.
 */
export const durableEnvironmentFlags = {
  overlappingSync: false,
  noSync: false,
  noMetaSync: false,
} as const;

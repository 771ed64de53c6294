/** Every bound of the points platform on the node, in one place (the shared ones are in @kexin/core's points/limits.ts). */

/** Expiry days a transaction folds into its program's totals at most; a later transaction goes on where it stopped. */
export const expirySweepDaysPerTxMax = 64;
/** Days a totals query adds up past the last sweep at most (thirty years); an older program has been swept by its own transactions. */
export const expiryQueryDaysMax = 11_000;
/** Lots of a holding a transaction reads and writes for its base cost; each further this many cost one unit more. */
export const lotsPerCostUnit = 64;
/** Program pairs a period's close reads for its base cost; each further this many cost one unit more. */
export const settlementPairsPerCostUnit = 16;

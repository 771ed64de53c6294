/** Every bound of the points platform shared by node and clients, in one place. */

/** The longest expiry a program may set: ten years of days. */
export const pointsExpiryDaysMax = 3_660;
/** Entries a list query answers at most; `limit` may ask for fewer. */
export const pointsListLimitMax = 500;
/** Rewards one redemption may take at once. */
export const pointsRedemptionQuantityMax = 1_000;
/**
 * Program pairs with an obligation that one settlement period may net at most: closing reads them
 * all in one transaction. More pairs than this are refused with POINTS_SETTLEMENT_TOO_LARGE.
 */
export const settlementPairsMax = 512;

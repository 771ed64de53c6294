/*
 * A member's points of one program are kept as lots, [expiresOn, amount], ordered by expiry
 * (null, never, last): with one expiry policy per program this is also the order the points were
 * issued in, so taking from the front is first in, first out. Lots with the same expiry are
 * merged, and every write drops the lots that have expired, so a holding has at most one lot per
 * day of the program's expiry period. These functions are pure.
 */

/** A lot: `amount` points that expire at the start of day `expiresOn` (UTC+8), or never (null). */
export type Lot = readonly [expiresOn: number | null, amount: number];

export function isLive(lot: Lot, today: number): boolean {
  return lot[0] === null || lot[0] > today;
}

export function liveLots(lots: readonly Lot[], today: number): Lot[] {
  return lots.filter((lot) => isLive(lot, today));
}

export function liveBalance(lots: readonly Lot[], today: number): number {
  let balance = 0;
  for (const lot of lots) if (isLive(lot, today)) balance += lot[1];
  return balance;
}

function expiresBefore(left: number | null, right: number | null): boolean {
  return right === null ? left !== null : left !== null && left < right;
}

/** The live lots with the live ones of `added` merged in, in expiry order. */
export function withLots(lots: readonly Lot[], added: readonly Lot[], today: number): Lot[] {
  const result = liveLots(lots, today);
  for (const [expiresOn, amount] of liveLots(added, today)) {
    const same = result.findIndex((lot) => lot[0] === expiresOn);
    if (same >= 0) {
      result[same] = [expiresOn, (result[same] as Lot)[1] + amount];
      continue;
    }
    const after = result.findIndex((lot) => expiresBefore(expiresOn, lot[0]));
    result.splice(after < 0 ? result.length : after, 0, [expiresOn, amount]);
  }
  return result;
}

/** Takes `amount` from the front of the live lots: what is left, and the lots taken. The caller has checked the balance. */
export function takeOldest(lots: readonly Lot[], amount: number, today: number): { readonly left: Lot[]; readonly taken: Lot[] } {
  const left = liveLots(lots, today);
  const taken: Lot[] = [];
  let wanted = amount;
  while (wanted > 0) {
    const [expiresOn, available] = left[0] as Lot;
    const part = Math.min(available, wanted);
    taken.push([expiresOn, part]);
    wanted -= part;
    if (part === available) left.shift();
    else left[0] = [expiresOn, available - part];
  }
  return { left, taken };
}

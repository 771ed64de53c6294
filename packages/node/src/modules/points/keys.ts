/*
 * Every key of the points platform, built in one place. The plain points keep `balance/` and
 * `supply/`; the platform uses only the prefixes below, so the plain points' state is untouched.
 */
export const pointsKeys = {
  program: (id: string): string => `program/${id}`,
  /** A member's lots of one program, oldest expiry first. */
  holding: (program: string, member: string): string => `holding/${program}/${member}`,
  /** Issued, burnt, expired (swept so far) and the day swept through. */
  totals: (program: string): string => `totals/${program}`,
  /** Points still held in lots that expire at the start of `day`; folded into the totals once the day has come. */
  expiring: (program: string, day: number): string => `expiring/${program}/${day}`,
  /** The newest block a platform transaction ran in: [height, time]; queries judge expiry by it. */
  clock: "clock",
  agreement: (id: string): string => `agreement/${id}`,
  /** [day, points] a member gave under an agreement on its latest day of exchanges. */
  exchangedByMember: (agreement: string, member: string): string => `exchanged_member/${agreement}/${member}`,
  /** [day, points] all members gave under an agreement on its latest day of exchanges. */
  exchangedTotal: (agreement: string): string => `exchanged_total/${agreement}`,
  reward: (id: string): string => `reward/${id}`,
  /** A redemption, by the hash of its transaction. */
  redemption: (tx: string): string => `redemption/${tx}`,
  /** What program `from` owes program `to` from exchanges and redemptions. */
  owed: (from: string, to: string): string => `owed/${from}/${to}`,
  /** The prefix of every pair's obligation, for a period's close to read them all. */
  owedPrefix: "owed/",
  /** Every pair's obligation as the newest period's close left it, sorted: what the next period nets is the change since. */
  settlementMarks: "settlement_marks",
  /** [the newest period's number, the height of its close]. */
  settlementLast: "settlement_last",
  period: (number: number): string => `period/${number}`,
};

/** Heights and epochs are zero-padded so that a key-ordered listing is in numeric order. */
const padded = (value: number): string => String(value).padStart(16, "0");

export const stakingKeys = {
  settings: "settings",
  balance: (address: string): string => `balance/${address}`,
  candidate: (publicKey: string): string => `candidate/${publicKey}`,
  candidatePrefix: "candidate/",
  candidateCount: "candidate_count",
  delegation: (address: string, publicKey: string): string => `delegation/${address}/${publicKey}`,
  delegationPrefix: (address: string): string => `delegation/${address}/`,
  unbonding: (address: string, id: number): string => `unbonding/${address}/${padded(id)}`,
  unbondingPrefix: (address: string): string => `unbonding/${address}/`,
  unbondingNext: (address: string): string => `unbonding_next/${address}`,
  missedTurns: (epoch: number, publicKey: string): string => `missed/${padded(epoch)}/${publicKey}`,
  missedTurnsPrefix: (epoch: number): string => `missed/${padded(epoch)}/`,
  jailed: (epoch: number, publicKey: string): string => `jailed/${padded(epoch)}/${publicKey}`,
  jailedPrefix: (epoch: number): string => `jailed/${padded(epoch)}/`,
  election: (epoch: number): string => `election/${padded(epoch)}`,
  lastElection: "last_election",
  /** An elected set by the height it takes effect (schedule.ts keeps their order). */
  validators: (height: number): string => `validators/${padded(height)}`,
};

export const stakingLimits = {
  candidatesMax: 256,
  unbondingsPerAccountMax: 32,
  delegationsPerAccountMax: 64,
} as const;

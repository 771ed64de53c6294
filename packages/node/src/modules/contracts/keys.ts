/** Every key of the contracts namespace, built in one place. */
export const contractsKeys = {
  parameters: "parameters",
  openProposals: "open_proposals",
  /** Code stored once by the chain suite's hash of it (hex). */
  code: (codeHashHex: string): string => `code/${codeHashHex}`,
  contract: (name: string): string => `contract/${name}`,
  contractPrefix: "contract/",
  /** A deploy proposal reserves its name until it is approved. */
  pendingName: (name: string): string => `pending/${name}`,
  proposal: (id: string): string => `proposal/${id}`,
  proposalPrefix: "proposal/",
  /** A contract's own state: every key it reads or writes is under this prefix, so it cannot reach another's. */
  contractState: (name: string): string => `c/${name}/`,
};

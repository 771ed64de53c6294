/** Every key of the workflows namespace, built in one place. Ids hold no "/", so a prefix never reaches another id's keys. */
export const workflowsKeys = {
  template: (id: string): string => `template/${id}`,
  openProposals: "open_proposals",
  application: (id: string): string => `application/${id}`,
  /** A step's attestation credential, or the decision credential (step null), as the JSON text sent. */
  credential: (application: string, step: string | null): string => `credential/${application}/${step ?? ":decision"}`,
  /** What awaits an organisation's signature: a step to attest, or a decision (step null), by application id. */
  inbox: (organisation: string, application: string, step: string | null): string => `inbox/${organisation}/${application}/${step ?? ":decision"}`,
  inboxPrefix: (organisation: string): string => `inbox/${organisation}/`,
};

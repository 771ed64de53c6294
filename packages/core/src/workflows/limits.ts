/** Bounds of the workflows service, shared by the node, the SDK and offline verification. */
export const workflowStepsMax = 16;
/** Dependencies of one step, and datasets one step reads. */
export const workflowStepListMax = 16;
/** A step's deadline, counted in ms of block time from the application's start: at most a year. */
export const workflowDeadlineMsMax = 366 * 86_400_000;
/** An attestation credential as JSON text; the decision credential carries up to `workflowStepsMax` of them. */
export const workflowAttestationBytesMax = 4 * 1024;
export const workflowDecisionBytesMax = 60 * 1024;
export const workflowReasonLengthMax = 256;
/** Evidence ids (datashare record ids or access transactions) one attestation cites. */
export const workflowEvidenceMax = 8;
/** Entries in one page of a workflows list. */
export const workflowListLimitMax = 1_000;
/** How far into an organisation's inbox a page may start: the inbox is read from state in key order. */
export const workflowInboxDepthMax = 10_000;

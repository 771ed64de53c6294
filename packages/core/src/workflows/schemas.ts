import { Type } from "@sinclair/typebox";
import { datasetIdSchema, datasetTitleSchema, subjectReferenceSchema } from "../datashare/records.ts";
import type { WireStatic } from "../wireCheck.ts";
import { workflowAttestationBytesMax, workflowDeadlineMsMax, workflowDecisionBytesMax, workflowEvidenceMax, workflowReasonLengthMax, workflowStepListMax, workflowStepsMax } from "./limits.ts";

/** The workflows service's name: its module, namespace and section of the registry. */
export const workflowsModuleName = "workflows";

const address = Type.String({ pattern: "^[0-9a-f]{40}$", description: "40 hex digits" });
const hash = Type.String({ pattern: "^[0-9a-f]{64}$", description: "64 hex digits" });
const height = Type.Integer({ minimum: 0 });
const blockTime = Type.Integer({ minimum: 0, description: "ms since the epoch, of block time" });
export const workflowOrganisationSchema = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", description: "an organisation's id" });
export const workflowRoleSchema = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", description: "a member role (identity.set_roles)" });
/** A template's id; chosen by its proposer, unique on the chain. */
export const workflowTemplateIdSchema = Type.String({ pattern: "^[a-z][a-z0-9_.-]{2,63}$", description: "a workflow template's id" });
export const workflowStepIdSchema = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", description: "a step's id within its template" });
/** An application's id; chosen by whoever files it, unique on the chain. */
export const workflowApplicationIdSchema = Type.String({ pattern: "^[a-z0-9][a-z0-9_.-]{2,63}$", description: "an application's id" });
export const workflowTitleSchema = datasetTitleSchema;

export const workflowStepSchema = Type.Object(
  {
    id: workflowStepIdSchema,
    title: workflowTitleSchema,
    /** The department that attests this step, and the role its member must hold (an admin of it may attest too). */
    organisation: workflowOrganisationSchema,
    role: workflowRoleSchema,
    /** Datasets the step's department reads for it, through data-sharing grants: every read is an audited datashare access. */
    reads: Type.Array(datasetIdSchema, { maxItems: workflowStepListMax, uniqueItems: true }),
    /** How long after the application's start (ms of block time) the step may be attested. */
    deadlineMs: Type.Integer({ minimum: 1, maximum: workflowDeadlineMsMax }),
    /** Steps that must be attested before this one; each declared earlier in the template. */
    after: Type.Array(workflowStepIdSchema, { maxItems: workflowStepListMax, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type WorkflowStep = WireStatic<typeof workflowStepSchema>;

/**
 * When an application is decided: every step attests eligible (`all`), or at least `eligibleMin`
 * of them do (`threshold`). Under `all` one "not eligible" refuses the application; under
 * `threshold` it is refused once too few steps are left to reach the minimum.
 */
export const workflowRuleSchema = Type.Union([
  Type.Object({ kind: Type.Literal("all") }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("threshold"), eligibleMin: Type.Integer({ minimum: 1, maximum: workflowStepsMax }) }, { additionalProperties: false }),
]);
export type WorkflowRule = WireStatic<typeof workflowRuleSchema>;

export const workflowTemplateSchema = Type.Object(
  {
    id: workflowTemplateIdSchema,
    title: workflowTitleSchema,
    steps: Type.Array(workflowStepSchema, { minItems: 1, maxItems: workflowStepsMax }),
    rule: workflowRuleSchema,
    /** The department that issues the decision credential once the rule is met. */
    decider: Type.Object({ organisation: workflowOrganisationSchema, role: workflowRoleSchema }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type WorkflowTemplate = WireStatic<typeof workflowTemplateSchema>;

export const proposeTemplatePayloadSchema = Type.Object({ template: workflowTemplateSchema }, { additionalProperties: false });
export type ProposeTemplatePayload = WireStatic<typeof proposeTemplatePayloadSchema>;
export const approveTemplatePayloadSchema = Type.Object({ id: workflowTemplateIdSchema }, { additionalProperties: false });
export type ApproveTemplatePayload = WireStatic<typeof approveTemplatePayloadSchema>;

export const applyPayloadSchema = Type.Object(
  {
    id: workflowApplicationIdSchema,
    template: workflowTemplateIdSchema,
    /** The applicant's subject reference (datashare's keyed reference of an ID number), never the number itself. */
    subject: subjectReferenceSchema,
    /** The applicant's account when a clerk files for them; absent, the signer is the applicant. */
    applicant: Type.Optional(address),
  },
  { additionalProperties: false },
);
export type ApplyPayload = WireStatic<typeof applyPayloadSchema>;

export const attestPayloadSchema = Type.Object(
  {
    application: workflowApplicationIdSchema,
    step: workflowStepIdSchema,
    /** The signed attestation credential as JSON text; its outcome, reason and evidence are read from it. */
    credential: Type.String({ minLength: 2, maxLength: workflowAttestationBytesMax }),
  },
  { additionalProperties: false },
);
export type AttestPayload = WireStatic<typeof attestPayloadSchema>;

export const decidePayloadSchema = Type.Object(
  {
    application: workflowApplicationIdSchema,
    /** The signed decision credential as JSON text, carrying every attestation credential. */
    credential: Type.String({ minLength: 2, maxLength: workflowDecisionBytesMax }),
  },
  { additionalProperties: false },
);
export type DecidePayload = WireStatic<typeof decidePayloadSchema>;

/** Closes an application that expired: anyone may send it, so that its inbox entries go and its status is stored. */
export const expirePayloadSchema = Type.Object({ application: workflowApplicationIdSchema }, { additionalProperties: false });
export type ExpirePayload = WireStatic<typeof expirePayloadSchema>;

export const workflowOutcomeSchema = Type.Union([Type.Literal("eligible"), Type.Literal("not_eligible")]);
export type WorkflowOutcome = WireStatic<typeof workflowOutcomeSchema>;

export const templateRecordSchema = Type.Object({
  template: workflowTemplateSchema,
  /** The suite's hash of the template's JCS form, hex: what credentials name it by. */
  hash,
  status: Type.Union([Type.Literal("proposed"), Type.Literal("active")]),
  proposer: workflowOrganisationSchema,
  proposedBy: address,
  proposedAt: height,
  approvals: Type.Array(workflowOrganisationSchema),
  needed: Type.Integer({ minimum: 1 }),
  activatedAt: Type.Optional(height),
});
export type TemplateRecord = WireStatic<typeof templateRecordSchema>;

export const attestationRecordSchema = Type.Object({
  step: workflowStepIdSchema,
  attester: address,
  /** The attester's key as a Multikey: the one its credential's proof names. */
  signer: Type.String(),
  organisation: workflowOrganisationSchema,
  outcome: workflowOutcomeSchema,
  reason: Type.String({ maxLength: workflowReasonLengthMax }),
  evidence: Type.Array(Type.String(), { maxItems: workflowEvidenceMax }),
  /** The suite's hash of the credential's JCS form, hex. */
  hash,
  height,
  time: blockTime,
  tx: hash,
});
export type AttestationRecord = WireStatic<typeof attestationRecordSchema>;

export const applicationStatusSchema = Type.Union([Type.Literal("open"), Type.Literal("refused"), Type.Literal("approved"), Type.Literal("expired")]);
export type ApplicationStatus = WireStatic<typeof applicationStatusSchema>;

export const applicationRecordSchema = Type.Object({
  id: workflowApplicationIdSchema,
  template: workflowTemplateIdSchema,
  templateHash: hash,
  subject: subjectReferenceSchema,
  applicant: address,
  /** The account that filed it: the applicant, or a clerk acting for them. */
  filedBy: address,
  startedAt: height,
  startedTime: blockTime,
  /** As stored: an open application may have expired by a later block's time (see the `application` query); `expire` stores it. */
  status: Type.Union([Type.Literal("open"), Type.Literal("refused"), Type.Literal("approved"), Type.Literal("expired")]),
  attestations: Type.Array(attestationRecordSchema),
  refusal: Type.Optional(Type.Object({ step: workflowStepIdSchema, organisation: workflowOrganisationSchema, reason: Type.String(), height })),
  decision: Type.Optional(Type.Object({ hash, decider: address, organisation: workflowOrganisationSchema, height, time: blockTime, tx: hash })),
});
export type ApplicationRecord = WireStatic<typeof applicationRecordSchema>;

export const stepProgressSchema = Type.Object({
  id: workflowStepIdSchema,
  title: workflowTitleSchema,
  organisation: workflowOrganisationSchema,
  role: workflowRoleSchema,
  /** Block time after which the step can no longer be attested. */
  deadline: blockTime,
  /** attested; awaiting (its department may attest now); waiting (for the steps it comes after); missed (its deadline passed); closed (the application was decided or refused without it). */
  state: Type.Union([Type.Literal("attested"), Type.Literal("awaiting"), Type.Literal("waiting"), Type.Literal("missed"), Type.Literal("closed")]),
  attestation: Type.Optional(attestationRecordSchema),
});
export type StepProgress = WireStatic<typeof stepProgressSchema>;

/** The `application` query: the record, its status at the newest block's time, and each step's progress. */
export const applicationAnswerSchema = Type.Object({
  application: applicationRecordSchema,
  status: applicationStatusSchema,
  asOf: Type.Object({ height, time: blockTime }),
  steps: Type.Array(stepProgressSchema),
  /** Steps without an attestation, in template order. */
  missing: Type.Array(workflowStepIdSchema),
  /** Whether the decider may issue the decision now. */
  decidable: Type.Boolean(),
});
export type ApplicationAnswer = WireStatic<typeof applicationAnswerSchema>;

const page = { total: Type.Integer({ minimum: 0 }), start: Type.Integer({ minimum: 0 }), next: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) };
export const templatesAnswerSchema = Type.Object({ templates: Type.Array(templateRecordSchema), ...page });
export type TemplatesAnswer = WireStatic<typeof templatesAnswerSchema>;
export const applicationsAnswerSchema = Type.Object({ applications: Type.Array(Type.Object({ id: workflowApplicationIdSchema, template: workflowTemplateIdSchema, startedAt: height })), ...page });
export type ApplicationsAnswer = WireStatic<typeof applicationsAnswerSchema>;

export const inboxEntrySchema = Type.Object({
  application: workflowApplicationIdSchema,
  template: workflowTemplateIdSchema,
  /** The step to attest, or null for the decision. */
  step: Type.Union([workflowStepIdSchema, Type.Null()]),
  role: workflowRoleSchema,
  /** Block time by which it must be attested; null for a decision. */
  deadline: Type.Union([blockTime, Type.Null()]),
  since: height,
});
export type InboxEntry = WireStatic<typeof inboxEntrySchema>;
export const inboxAnswerSchema = Type.Object({ organisation: workflowOrganisationSchema, asOf: Type.Object({ height, time: blockTime }), entries: Type.Array(inboxEntrySchema), start: Type.Integer({ minimum: 0 }), next: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) });
export type InboxAnswer = WireStatic<typeof inboxAnswerSchema>;

export const workflowCredentialAnswerSchema = Type.Object({ application: workflowApplicationIdSchema, step: Type.Union([workflowStepIdSchema, Type.Null()]), hash, credential: Type.String() });
export type WorkflowCredentialAnswer = WireStatic<typeof workflowCredentialAnswerSchema>;

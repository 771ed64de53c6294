import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";

/** One validator of the set deciding a height, as the governance validators query answers it. */
export const validatorEntrySchema = Type.Object({ publicKey: Type.String({ pattern: "^[0-9a-f]+$" }), power: Type.Integer({ minimum: 1 }) });
export type ValidatorEntry = WireStatic<typeof validatorEntrySchema>;

export const validatorsAnswerSchema = Type.Array(validatorEntrySchema);
export type ValidatorsAnswer = WireStatic<typeof validatorsAnswerSchema>;

const approvalsSchema = Type.Array(Type.String());

/** A validator change as the governance proposal and proposals queries answer it. */
export const validatorProposalSchema = Type.Object({
  kind: Type.Literal("validators"),
  id: Type.String(),
  proposer: Type.String(),
  description: Type.String(),
  changes: Type.Array(Type.Object({ publicKey: Type.String(), power: Type.Integer({ minimum: 0 }) })),
  approvals: approvalsSchema,
  status: Type.Union([Type.Literal("open"), Type.Literal("approved")]),
  createdAt: Type.Integer({ minimum: 0 }),
  effectiveHeight: Type.Optional(Type.Integer({ minimum: 0 })),
});

/** A change of chain parameters from an effective height on, vetoable in its review window once approved. */
export const parameterProposalSchema = Type.Object({
  kind: Type.Literal("parameters"),
  id: Type.String(),
  proposer: Type.String(),
  description: Type.String(),
  changes: Type.Record(Type.String(), Type.Integer()),
  effectiveHeight: Type.Integer({ minimum: 1 }),
  approvals: approvalsSchema,
  vetoes: approvalsSchema,
  status: Type.Union([Type.Literal("open"), Type.Literal("approved"), Type.Literal("vetoed")]),
  createdAt: Type.Integer({ minimum: 0 }),
  approvedAt: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const governanceProposalSchema = Type.Union([validatorProposalSchema, parameterProposalSchema]);
export type GovernanceProposal = WireStatic<typeof governanceProposalSchema>;

export const proposalsAnswerSchema = Type.Object({ offset: Type.Integer({ minimum: 0 }), proposals: Type.Array(governanceProposalSchema) });
export type ProposalsAnswer = WireStatic<typeof proposalsAnswerSchema>;

/** One chain parameter with its bounds and the value in force at the asked height. */
export const chainParameterEntrySchema = Type.Object({
  name: Type.String(),
  value: Type.Integer(),
  minimum: Type.Integer(),
  maximum: Type.Integer(),
  default: Type.Integer(),
  description: Type.String(),
});
export const parametersAnswerSchema = Type.Object({ height: Type.Integer({ minimum: 0 }), parameters: Type.Array(chainParameterEntrySchema) });
export type ParametersAnswer = WireStatic<typeof parametersAnswerSchema>;

export const scheduledParametersAnswerSchema = Type.Array(Type.Object({ name: Type.String(), height: Type.Integer({ minimum: 0 }), value: Type.Integer() }));
export type ScheduledParametersAnswer = WireStatic<typeof scheduledParametersAnswerSchema>;

/** The validator_schedule query's answer: every set by the height it starts deciding (genesis from height 1), a page at a time. */
export const validatorScheduleAnswerSchema = Type.Object({
  total: Type.Integer({ minimum: 1 }),
  offset: Type.Integer({ minimum: 0 }),
  sets: Type.Array(Type.Object({ height: Type.Integer({ minimum: 1 }), validators: validatorsAnswerSchema })),
  /** The `offset` of the following page, or null after the last. */
  next: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
export type ValidatorScheduleAnswer = WireStatic<typeof validatorScheduleAnswerSchema>;

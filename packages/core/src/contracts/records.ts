import { type TSchema, Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";

/*
 * The contracts module's records as its queries answer them: the one definition the node's module,
 * its routes and the SDK share. Answers may gain fields, so objects accept properties they do not
 * list; what they list must be there with its type.
 */

const count = Type.Integer({ minimum: 0 });
const hashHex = Type.String({ pattern: "^[0-9a-f]{64}$" });
/** One of a list of names, typed as the list's union. */
const oneOf = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>(Type.Union(values.map((value) => Type.Literal(value))));
const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);

/** A contract name: lower case, starting with a letter, 3 to 64 characters. */
export const contractNamePattern = /^[a-z][a-z0-9_-]{2,63}$/;
/** A proposal id: lower case letters, digits, `_` and `-`, 1 to 64 characters. */
export const contractProposalIdPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const contractStatuses = ["active", "frozen"] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const contractProposalKinds = ["deploy", "upgrade", "freeze", "unfreeze"] as const;
export type ContractProposalKind = (typeof contractProposalKinds)[number];

/** Roles allowed to call each state-changing method by transaction; [] admits any registered member. */
export const contractPolicySchema = Type.Record(Type.String(), Type.Array(Type.String()));
export type ContractPolicy = WireStatic<typeof contractPolicySchema>;

export const contractRecordSchema = Type.Object({
  name: Type.String(),
  status: oneOf(contractStatuses),
  codeHash: hashHex,
  version: Type.Integer({ minimum: 1 }),
  policy: contractPolicySchema,
  activatedAt: count,
});
export type ContractRecord = WireStatic<typeof contractRecordSchema>;

/** A declared method: the JSON Schema of its argument object, and whether it only reads. */
export const contractMethodSchema = Type.Object({ args: Type.Unknown(), readOnly: Type.Boolean() });
export type ContractMethod = WireStatic<typeof contractMethodSchema>;

export const contractDetailSchema = Type.Object({ ...contractRecordSchema.properties, methods: Type.Record(Type.String(), contractMethodSchema) });
export type ContractDetail = WireStatic<typeof contractDetailSchema>;

export const contractsAnswerSchema = Type.Array(contractRecordSchema);
export type ContractsAnswer = WireStatic<typeof contractsAnswerSchema>;

export const contractCodeAnswerSchema = Type.Object({ hash: hashHex, code: Type.String() });
export type ContractCodeAnswer = WireStatic<typeof contractCodeAnswerSchema>;

/** A proposal's action as queries answer it: code travels by its hash. */
export const contractProposalActionSchema = Type.Object({
  kind: oneOf(contractProposalKinds),
  name: Type.String(),
  codeHash: optional(hashHex),
  policy: optional(contractPolicySchema),
});

export const contractProposalRecordSchema = Type.Object({
  id: Type.String(),
  action: contractProposalActionSchema,
  proposer: Type.String(),
  /** The organisations that approved, the proposer's first. */
  approvals: Type.Array(Type.String()),
  status: oneOf(["open", "approved"] as const),
  proposedAt: count,
});
export type ContractProposalRecord = WireStatic<typeof contractProposalRecordSchema>;

export const contractProposalsAnswerSchema = Type.Array(contractProposalRecordSchema);
export type ContractProposalsAnswer = WireStatic<typeof contractProposalsAnswerSchema>;

/** A readOnly method's answer against committed state; the value in its JSON form (bytes as hex). */
export const contractQueryAnswerSchema = Type.Object({ value: Type.Unknown(), gasUsed: optional(count) });
export type ContractQueryAnswer = WireStatic<typeof contractQueryAnswerSchema>;

/** The limits and gas prices in force. */
export const contractParametersAnswerSchema = Type.Object({ callGasMax: Type.Integer({ minimum: 1 }) });
export type ContractParametersAnswer = WireStatic<typeof contractParametersAnswerSchema>;

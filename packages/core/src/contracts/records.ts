import { Type } from "@sinclair/typebox";
import { protocolLimits } from "../limits.ts";
import type { WireStatic } from "../wireCheck.ts";

/** The contracts service's name: its module, namespace and section of the registry. */
export const contractsModuleName = "contracts";

export const contractNameSchema = Type.String({ pattern: "^[a-z][a-z0-9_-]{2,63}$", description: "a contract's name" });
export const contractProposalIdSchema = Type.String({ pattern: "^[a-z0-9][a-z0-9_-]{0,63}$", description: "a proposal's id" });
export const contractMethodNameSchema = Type.String({ pattern: "^[A-Za-z_$][A-Za-z0-9_$]{0,63}$", description: "a method exported by the contract" });
const roleSchema = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" });
/** 32 bytes in hex: the chain suite's hash of a contract's code. */
export const contractCodeHashHexSchema = Type.String({ pattern: "^[0-9a-f]{64}$" });

/** Roles allowed to call each state-changing method ([] = any registered member); a method left out cannot be called by transactions. */
export const contractPolicySchema = Type.Record(contractMethodNameSchema, Type.Array(roleSchema, { maxItems: 16, uniqueItems: true }), { maxProperties: 64 });

/** A canonical CBOR value (arguments, results); floats are refused by the node. Typed unknown: read it as a CborValue once checked. */
const cborValueSchema = Type.Unknown({ description: "a canonical CBOR value" });
const codeSchema = Type.Uint8Array({ minByteLength: 1, maxByteLength: protocolLimits.txBytesMax, description: "UTF-8 of the bundled ES module" });
const codeHashSchema = Type.Uint8Array({ minByteLength: 32, maxByteLength: 32 });

export const contractDeployActionSchema = Type.Object(
  { kind: Type.Literal("deploy"), name: contractNameSchema, code: codeSchema, codeHash: codeHashSchema, policy: contractPolicySchema, init: Type.Optional(cborValueSchema) },
  { additionalProperties: false },
);
export const contractUpgradeActionSchema = Type.Object(
  { kind: Type.Literal("upgrade"), name: contractNameSchema, code: codeSchema, codeHash: codeHashSchema, policy: contractPolicySchema, migrate: Type.Optional(cborValueSchema) },
  { additionalProperties: false },
);
export const contractFreezeActionSchema = Type.Object({ kind: Type.Literal("freeze"), name: contractNameSchema }, { additionalProperties: false });
export const contractUnfreezeActionSchema = Type.Object({ kind: Type.Literal("unfreeze"), name: contractNameSchema }, { additionalProperties: false });
export const contractActionSchema = Type.Union([contractDeployActionSchema, contractUpgradeActionSchema, contractFreezeActionSchema, contractUnfreezeActionSchema]);
export type ContractAction = WireStatic<typeof contractActionSchema>;

/** The payload of `contracts.propose`. */
export const contractProposePayloadSchema = Type.Object({ id: contractProposalIdSchema, action: contractActionSchema }, { additionalProperties: false });
export type ContractProposePayload = WireStatic<typeof contractProposePayloadSchema>;

/** The payload of `contracts.approve`. */
export const contractApprovePayloadSchema = Type.Object({ id: contractProposalIdSchema }, { additionalProperties: false });
export type ContractApprovePayload = WireStatic<typeof contractApprovePayloadSchema>;

/** The payload of `contracts.call`. */
export const contractCallPayloadSchema = Type.Object(
  { contract: contractNameSchema, method: contractMethodNameSchema, args: cborValueSchema, gasLimit: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
  { additionalProperties: false },
);
export type ContractCallPayload = WireStatic<typeof contractCallPayloadSchema>;

/** One declared method: the JSON Schema of its argument object and whether it only reads. */
export const contractMethodSchema = Type.Object({ args: cborValueSchema, readOnly: Type.Boolean() }, { additionalProperties: false });
export const contractMethodsSchema = Type.Record(contractMethodNameSchema, contractMethodSchema);

/** A contract as the `list` query answers it. */
export const contractSummarySchema = Type.Object(
  {
    name: contractNameSchema,
    status: Type.Union([Type.Literal("active"), Type.Literal("frozen")]),
    codeHash: contractCodeHashHexSchema,
    version: Type.Integer({ minimum: 1 }),
    policy: contractPolicySchema,
    activatedAt: Type.Integer({ minimum: 1, description: "height of the block that activated its current code" }),
  },
  { additionalProperties: false },
);
export type ContractSummary = WireStatic<typeof contractSummarySchema>;
export const contractListAnswerSchema = Type.Array(contractSummarySchema);
export type ContractListAnswer = WireStatic<typeof contractListAnswerSchema>;

/** A contract as the `get` query answers it: its summary and its declared methods. */
export const contractDetailSchema = Type.Object({ ...contractSummarySchema.properties, methods: contractMethodsSchema }, { additionalProperties: false });
export type ContractDetail = WireStatic<typeof contractDetailSchema>;

/** What a proposal would do, as stored and answered: the code itself is stored once by its hash. */
export const contractProposalActionSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal("deploy"), Type.Literal("upgrade"), Type.Literal("freeze"), Type.Literal("unfreeze")]),
    name: contractNameSchema,
    codeHash: Type.Optional(contractCodeHashHexSchema),
    policy: Type.Optional(contractPolicySchema),
    init: Type.Optional(cborValueSchema),
    migrate: Type.Optional(cborValueSchema),
  },
  { additionalProperties: false },
);
export type ContractProposalAction = WireStatic<typeof contractProposalActionSchema>;

export const contractProposalSchema = Type.Object(
  {
    id: contractProposalIdSchema,
    proposer: Type.String({ description: "the proposing organisation" }),
    action: contractProposalActionSchema,
    /** The declared methods of the proposed code (deploy and upgrade). */
    methods: Type.Optional(contractMethodsSchema),
    approvals: Type.Array(Type.String(), { description: "approving organisations, sorted" }),
    needed: Type.Integer({ minimum: 1, description: "approvals needed when last counted" }),
    status: Type.Union([Type.Literal("open"), Type.Literal("approved")]),
    createdAt: Type.Integer({ minimum: 1 }),
    approvedAt: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ContractProposal = WireStatic<typeof contractProposalSchema>;
export const contractProposalsAnswerSchema = Type.Array(contractProposalSchema);

/** The bounds of a call (the sandbox's ContractLimits, without the per-call gas limit). */
export const contractLimitsSchema = Type.Object(
  {
    memoryBytesMax: Type.Integer({ minimum: 1 }),
    stackBytesMax: Type.Integer({ minimum: 1 }),
    codeBytesMax: Type.Integer({ minimum: 1, maximum: protocolLimits.txBytesMax }),
    callDepthMax: Type.Integer({ minimum: 0, maximum: 64 }),
    stateKeyBytesMax: Type.Integer({ minimum: 1, maximum: 256 }),
    stateValueBytesMax: Type.Integer({ minimum: 1, maximum: 256 * 1024 }),
    /** At most 64 KiB: the node keeps each event in its index of contract events as one value, which must stay well under a stored value's bound. */
    eventBytesMax: Type.Integer({ minimum: 1, maximum: 64 * 1024 }),
    resultBytesMax: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export const contractGasPricesSchema = Type.Object(
  { work: Type.Integer({ minimum: 0 }), hostCall: Type.Integer({ minimum: 0 }), storedByte: Type.Integer({ minimum: 0 }), eventByte: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

/** The limits and gas prices in force (the `parameters` query) and `sections.contracts` of genesis. */
export const contractsParametersSchema = Type.Object(
  { limits: contractLimitsSchema, prices: contractGasPricesSchema, callGasMax: Type.Integer({ minimum: 1, maximum: 900_000, description: "the largest gasLimit of a call; gas is charged as the transaction's cost units" }) },
  { additionalProperties: false },
);
export type ContractsParameters = WireStatic<typeof contractsParametersSchema>;

/** `sections.contracts` of genesis.json: any parameter left out takes its default. */
export const contractsGenesisSectionSchema = Type.Object(
  { limits: Type.Optional(Type.Partial(contractLimitsSchema)), prices: Type.Optional(Type.Partial(contractGasPricesSchema)), callGasMax: Type.Optional(contractsParametersSchema.properties.callGasMax) },
  { additionalProperties: false },
);
export type ContractsGenesisSection = WireStatic<typeof contractsGenesisSectionSchema>;

/** The answer of the `code` query: the source text of stored code. */
export const contractCodeAnswerSchema = Type.Object({ hash: contractCodeHashHexSchema, code: Type.String() }, { additionalProperties: false });
export type ContractCodeAnswer = WireStatic<typeof contractCodeAnswerSchema>;

/** The answer of the `query` query (a read-only method on committed state) and the `result` event of a successful call. */
export const contractCallAnswerSchema = Type.Object({ value: cborValueSchema, gasUsed: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
export type ContractCallAnswer = WireStatic<typeof contractCallAnswerSchema>;

import {
  type CborValue,
  contractCallsLimitDefault,
  contractCallsLimitMax,
  contractEventTypeBytesMax,
  contractEventsLimitDefault,
  contractEventsLimitMax,
  type ContractErrorCode,
  type ContractProposal,
  KexinError,
  cborToJson,
  contractCodeHashHexSchema,
  contractMethodNameSchema,
  contractNameSchema,
  contractProposalIdSchema,
  decodeCanonical,
  fromHex,
} from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type QueryDefinition, type StateRead, defineQuery } from "../../execution/interface.ts";
import { readCalls } from "./callIndex.ts";
import { contractError } from "./errors.ts";
import { readEvents } from "./eventIndex.ts";
import { invoke, requireDeclared } from "./invoke.ts";
import type { JournalTarget } from "./journal.ts";
import { contractsKeys } from "./keys.ts";
import { readProposal } from "./lifecycle.ts";
import { parameterScheduleModule } from "../../execution/chainParameters.ts";
import { listContracts, readCodeText, readContract, requireCallable, summaryOf } from "./registry.ts";
import type { ContractsRuntime } from "./runtime.ts";

const listedMax = 1_000;
const argsHexLengthMax = 2 * 16 * 1024;

function requireContract(state: StateRead, name: string) {
  const contract = readContract(state, name);
  if (contract === undefined) throw contractError("CONTRACT_NOT_FOUND", `no contract "${name}"`, { contract: name });
  return contract;
}

/** Committed state under a read-only run: nothing is ever kept into it. */
function committedTarget(state: StateRead): JournalTarget {
  const refuse = (): never => {
    throw new Error("a query cannot write");
  };
  return { get: (key) => state.get(key), list: (prefix, limit) => state.list(prefix, limit), set: refuse, delete: refuse, emit: refuse };
}

function decodeArgs(hex: string | undefined): CborValue {
  if (hex === undefined || hex === "") return {};
  try {
    return decodeCanonical(fromHex(hex));
  } catch (error) {
    if (!(error instanceof KexinError)) throw error;
    throw contractError("CONTRACT_ARGS_INVALID", `args must be the hex of canonical CBOR: ${error.message}`);
  }
}

export function contractsQueries(runtime: ContractsRuntime): Record<string, QueryDefinition> {
  return {
    list: defineQuery({
      description: "Every contract: name, status, code hash, version, policy and the height its code took effect.",
      parameters: Type.Object({}, { additionalProperties: false }),
      run: (state) => listContracts(state, listedMax).map(summaryOf),
    }),
    get: defineQuery({
      description: "One contract with its declared methods and their argument schemas.",
      parameters: Type.Object({ name: contractNameSchema }, { additionalProperties: false }),
      run: (state, query) => requireContract(state, query.name),
    }),
    code: defineQuery({
      description: "The source text of stored code, by its hash.",
      parameters: Type.Object({ hash: contractCodeHashHexSchema }, { additionalProperties: false }),
      run: (state, query) => {
        const code = readCodeText(state, query.hash);
        if (code === undefined) throw contractError("CONTRACT_NOT_FOUND", `no code with hash ${query.hash}`);
        return { hash: query.hash, code };
      },
    }),
    calls: defineQuery({
      description: `A contract's calls, newest first (at most ${contractCallsLimitMax}): transaction, height, method, caller, version, gas used, and whether it failed, with its code.`,
      parameters: Type.Object(
        { contract: contractNameSchema, limit: Type.Optional(integerParameter({ minimum: 1, maximum: contractCallsLimitMax }, `calls to answer (default ${contractCallsLimitDefault})`)) },
        { additionalProperties: false },
      ),
      run: (state, query, _readModule, _blocks, index) => {
        requireContract(state, query.contract);
        return readCalls(index, query.contract, query.limit === undefined ? contractCallsLimitDefault : Number(query.limit));
      },
    }),
    events: defineQuery({
      description: `A contract's events from committed transactions, oldest first (at most ${contractEventsLimitMax}), optionally of one type and within a range of heights; \`next\`, when present, is the \`start\` that continues the listing.`,
      parameters: Type.Object(
        {
          contract: contractNameSchema,
          type: Type.Optional(Type.String({ minLength: 1, maxLength: contractEventTypeBytesMax, description: "only events of this type" })),
          fromHeight: Type.Optional(integerParameter({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }, "the first height to list")),
          toHeight: Type.Optional(integerParameter({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }, "the last height to list")),
          start: Type.Optional(integerParameter({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, "the position to list from: an answer's `next`")),
          limit: Type.Optional(integerParameter({ minimum: 1, maximum: contractEventsLimitMax }, `events to answer (default ${contractEventsLimitDefault})`)),
        },
        { additionalProperties: false },
      ),
      run: (state, query, _readModule, _blocks, index) => {
        requireContract(state, query.contract);
        const number = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));
        return readEvents(index, {
          contract: query.contract,
          type: query.type,
          fromHeight: number(query.fromHeight),
          toHeight: number(query.toHeight),
          start: number(query.start),
          limit: number(query.limit) ?? contractEventsLimitDefault,
        });
      },
    }),
    proposals: defineQuery({
      description: "Contract proposals, open or approved (default: all), by id.",
      parameters: Type.Object({ status: Type.Optional(Type.Union([Type.Literal("open"), Type.Literal("approved")])) }, { additionalProperties: false }),
      run: (state, query) =>
        state
          .list(contractsKeys.proposalPrefix, listedMax)
          .map((entry) => entry.value as unknown as ContractProposal)
          .filter((proposal) => query.status === undefined || proposal.status === query.status),
    }),
    proposal: defineQuery({
      description: "One contract proposal with its approvals.",
      parameters: Type.Object({ id: contractProposalIdSchema }, { additionalProperties: false }),
      run: (state, query) => {
        const proposal = readProposal(state, query.id);
        if (proposal === undefined) throw contractError("CONTRACT_PROPOSAL_NOT_FOUND", `no contract proposal "${query.id}"`, { proposal: query.id });
        return proposal;
      },
    }),
    query: defineQuery({
      description: "Runs a read-only method against committed state, within the chain's call gas limit; nothing it does is kept.",
      parameters: Type.Object(
        { contract: contractNameSchema, method: contractMethodNameSchema, args: Type.Optional(Type.String({ pattern: "^([0-9a-f]{2})*$", maxLength: argsHexLengthMax, description: "hex of the canonical CBOR of the arguments (default {})" })) },
        { additionalProperties: false },
      ),
      run: (state, query, readModule, blocks) => {
        const contract = requireCallable(state, query.contract);
        const declared = requireDeclared(contract, query.method);
        if (!declared.readOnly) throw contractError("CONTRACT_METHOD_NOT_ALLOWED", `${contract.name}.${query.method} is not read-only; call it in a transaction`, { contract: contract.name, method: query.method });
        const parameters = runtime.records.parameters(readModule(parameterScheduleModule), blocks.height + 1);
        const run = invoke(
          {
            suite: runtime.suite,
            sandbox: runtime.sandbox(),
            validators: runtime.validators,
            parameters,
            state,
            callable: (name) => requireCallable(state, name),
            // Queries see the committed height; no block is being made, so there is no block time.
            block: { height: blocks.height, time: 0 },
            txHash: new Uint8Array(32),
            calls: { count: 0 },
          },
          { contract, method: query.method, args: decodeArgs(query.args), caller: { address: "", organisation: undefined, roles: [] }, gasLimit: parameters.callGasMax, depth: 0, writable: false, into: committedTarget(state) },
        );
        if (!run.ok) throw contractError(run.code as ContractErrorCode, run.message, { contract: contract.name, method: query.method, gasUsed: run.gasUsed });
        return { value: cborToJson(run.value), gasUsed: run.gasUsed };
      },
    }),
    parameters: defineQuery({
      description: "The contract limits, gas prices and largest call gas limit in force.",
      parameters: Type.Object({}, { additionalProperties: false }),
      run: (_state, _query, readModule, blocks) => runtime.records.parameters(readModule(parameterScheduleModule), blocks.height + 1),
    }),
  };
}

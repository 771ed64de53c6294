import { type CborValue, type ContractProposal, type ContractProposalAction, bytesEqual, contractApprovePayloadSchema, contractMethodNameSchema, contractProposePayloadSchema, toHex, type ContractsParameters } from "@kexin/core";
import { ExecutionError } from "../../execution/errors.ts";
import { type ReadContext, type StateRead, type TxContext, defineTxType } from "../../execution/interface.ts";
import { administeredOrganisation, identityModuleName, organisationApprovalsNeeded, withApproval } from "../identity/index.ts";
import { contractError } from "./errors.ts";
import { lifecycleMethods } from "./invoke.ts";
import { contractsKeys } from "./keys.ts";
import { parameterScheduleModule } from "../../execution/chainParameters.ts";
import { type StoredContract, codeText, readContract, storeCode } from "./registry.ts";
import { type ContractsRuntime, runInTransaction } from "./runtime.ts";
import { holdsFloat } from "./values.ts";

const openProposalsMax = 64;
const methodNamePattern = new RegExp(contractMethodNameSchema.pattern as string);

type Methods = StoredContract["methods"];
type ProposedCode = { readonly name: string; readonly code: Uint8Array; readonly codeHash: Uint8Array; readonly policy: StoredContract["policy"] };

/** Only an organisation's admin proposes and approves; the answer is the organisation it speaks for. */
function requireAdmin(context: ReadContext): string {
  const org = administeredOrganisation(context);
  if (org === undefined) throw contractError("CONTRACT_NOT_ADMIN", `signer ${context.caller.address} is not an organisation admin; only admins propose and approve contracts`);
  return org;
}

function readProposal(state: StateRead, id: string): ContractProposal | undefined {
  return state.get(contractsKeys.proposal(id)) as unknown as ContractProposal | undefined;
}

/** The contract parameters deciding the transaction's block. */
function contractsParametersOf(runtime: ContractsRuntime, context: TxContext): ContractsParameters {
  return runtime.records.parameters(context.readModule(parameterScheduleModule), context.block.height);
}

/**
 * Checks proposed code before anyone approves it: size, hash, syntax and exports (the sandbox's
 * describe), declared methods and their argument schemas, and that the policy and the lifecycle
 * arguments name declared methods. Answers the declared methods in name order.
 */
function checkProposedCode(runtime: ContractsRuntime, context: TxContext, proposed: ProposedCode, lifecycle: { method: string; args: unknown }): Methods {
  const { limits, callGasMax } = contractsParametersOf(runtime, context);
  const about = { contract: proposed.name };
  if (proposed.code.length > limits.codeBytesMax) throw contractError("CONTRACT_CODE_TOO_LARGE", `code is ${proposed.code.length} bytes; at most ${limits.codeBytesMax} are allowed`, about);
  if (!bytesEqual(runtime.suite.hash(proposed.code), proposed.codeHash)) throw contractError("CONTRACT_CODE_HASH_MISMATCH", `codeHash is not the ${runtime.suite.hashName} hash of the code`, about);
  const text = codeText(proposed.code);
  if (text === undefined) throw contractError("CONTRACT_CODE_INVALID", "code is not UTF-8 text", about);
  const declared = runtime.sandbox().describe(text, { ...limits, gasLimit: callGasMax }).methods;
  const methods: Record<string, Methods[string]> = {};
  for (const method of Object.keys(declared).sort()) {
    const { args, readOnly } = declared[method]!;
    if (!methodNamePattern.test(method)) throw contractError("CONTRACT_CODE_INVALID", `method name "${method.slice(0, 64)}" is not allowed`, about);
    if (holdsFloat(args)) throw contractError("CONTRACT_CODE_INVALID", `the argument schema of ${method} holds a floating-point number`, { ...about, method });
    methods[method] = { args, readOnly: readOnly === true };
  }
  const codeHash = toHex(proposed.codeHash);
  runtime.validators.compile(codeHash, methods);
  for (const method of Object.keys(proposed.policy)) {
    if (!Object.hasOwn(methods, method)) throw contractError("CONTRACT_METHOD_NOT_FOUND", `the policy names ${method}, which the code does not declare`, { ...about, method });
    if (lifecycleMethods.includes(method)) throw contractError("CONTRACT_METHOD_NOT_ALLOWED", `${method} runs only at activation or upgrade; it cannot be in the policy`, { ...about, method });
  }
  const runsLifecycle = lifecycle.method === "init" ? Object.hasOwn(methods, "init") : lifecycle.args !== undefined;
  if (lifecycle.args !== undefined && !Object.hasOwn(methods, lifecycle.method)) {
    throw contractError("CONTRACT_METHOD_NOT_FOUND", `arguments are given for ${lifecycle.method}, which the code does not declare`, { ...about, method: lifecycle.method });
  }
  if (runsLifecycle) {
    const candidate = { name: proposed.name, codeHash, methods } as StoredContract;
    runtime.validators.check(candidate, lifecycle.method, lifecycleArgs(lifecycle.args));
  }
  return methods;
}

/** init runs with `{}` when the proposal gives no arguments. */
function lifecycleArgs(args: unknown): CborValue {
  return (args ?? {}) as CborValue;
}

/** What the proposal would do, with the code stored apart by its hash. */
function describeAction(runtime: ContractsRuntime, context: TxContext, action: (typeof contractProposePayloadSchema)["static"]["action"]): { action: ContractProposalAction; methods?: Methods } {
  const { state } = context;
  if (action.kind === "deploy") {
    if (readContract(state, action.name) !== undefined || state.get(contractsKeys.pendingName(action.name)) !== undefined) {
      throw contractError("CONTRACT_NAME_TAKEN", `a contract named "${action.name}" exists or is proposed`, { contract: action.name });
    }
    const methods = checkProposedCode(runtime, context, action, { method: "init", args: action.init });
    const codeHash = toHex(action.codeHash);
    storeCode(state, codeHash, action.code);
    return { action: { kind: "deploy", name: action.name, codeHash, policy: action.policy, ...(action.init === undefined ? {} : { init: action.init }) }, methods };
  }
  if (readContract(state, action.name) === undefined) throw contractError("CONTRACT_NOT_FOUND", `no contract "${action.name}"`, { contract: action.name });
  if (action.kind === "upgrade") {
    const methods = checkProposedCode(runtime, context, action, { method: "migrate", args: action.migrate });
    const codeHash = toHex(action.codeHash);
    storeCode(state, codeHash, action.code);
    return { action: { kind: "upgrade", name: action.name, codeHash, policy: action.policy, ...(action.migrate === undefined ? {} : { migrate: action.migrate }) }, methods };
  }
  return { action: { kind: action.kind, name: action.name } };
}

/** Applies an approved proposal in the approving block; a failing init or migrate fails the approving transaction, so nothing takes effect. */
function takeEffect(runtime: ContractsRuntime, context: TxContext, proposal: ContractProposal): void {
  const { action } = proposal;
  const height = context.block.height;
  const current = readContract(context.state, action.name);
  if (action.kind === "deploy") {
    if (current !== undefined) throw contractError("CONTRACT_NAME_TAKEN", `a contract named "${action.name}" exists`, { contract: action.name });
    const contract: StoredContract = { name: action.name, status: "active", codeHash: action.codeHash!, version: 1, policy: action.policy!, activatedAt: height, methods: proposal.methods! };
    runtime.records.writeContract(context.state, height, contract);
    context.state.delete(contractsKeys.pendingName(action.name));
    context.emit("activated", { id: proposal.id, name: action.name, codeHash: contract.codeHash, version: 1 });
    if (Object.hasOwn(contract.methods, "init")) runInTransaction(runtime, context, { contract, method: "init", args: lifecycleArgs(action.init), gasLimit: contractsParametersOf(runtime, context).callGasMax, writable: true });
    return;
  }
  if (current === undefined) throw contractError("CONTRACT_NOT_FOUND", `no contract "${action.name}"`, { contract: action.name });
  if (action.kind === "upgrade") {
    const contract: StoredContract = { ...current, codeHash: action.codeHash!, version: current.version + 1, policy: action.policy!, activatedAt: height, methods: proposal.methods! };
    runtime.records.writeContract(context.state, height, contract);
    context.emit("upgraded", { id: proposal.id, name: action.name, codeHash: contract.codeHash, version: contract.version });
    if (action.migrate !== undefined) runInTransaction(runtime, context, { contract, method: "migrate", args: action.migrate as CborValue, gasLimit: contractsParametersOf(runtime, context).callGasMax, writable: true });
    return;
  }
  const status = action.kind === "freeze" ? "frozen" : "active";
  runtime.records.writeContract(context.state, height, { ...current, status });
  context.emit(status === "frozen" ? "frozen" : "unfrozen", { id: proposal.id, name: action.name });
}

function approveWith(runtime: ContractsRuntime, context: TxContext, proposal: ContractProposal, org: string): void {
  const approvals = withApproval(proposal.approvals, org);
  const needed = organisationApprovalsNeeded(context.readModule(identityModuleName));
  if (approvals.length < needed) {
    context.state.set(contractsKeys.proposal(proposal.id), { ...proposal, approvals, needed } as unknown as CborValue);
    context.emit("approved_by", { id: proposal.id, org, approvals: approvals.length, needed });
    return;
  }
  const approved: ContractProposal = { ...proposal, approvals, needed, status: "approved", approvedAt: context.block.height };
  context.state.set(contractsKeys.proposal(proposal.id), approved as unknown as CborValue);
  context.state.set(contractsKeys.openProposals, Math.max(0, ((context.state.get(contractsKeys.openProposals) as number | undefined) ?? 1) - 1));
  context.emit("approved", { id: proposal.id, org, approvals: approvals.length, needed });
  takeEffect(runtime, context, approved);
}

export function createProposeTxType(runtime: ContractsRuntime) {
  return defineTxType({
    description: "An organisation admin proposes deploying, upgrading, freezing or unfreezing a contract; the proposer's organisation approves it at once.",
    schema: contractProposePayloadSchema,
    costUnits: 50,
    authorise: (context) => {
      requireAdmin(context);
    },
    execute: (context, payload) => {
      const org = requireAdmin(context);
      if (context.state.get(contractsKeys.proposal(payload.id)) !== undefined) throw contractError("CONTRACT_PROPOSAL_EXISTS", `proposal "${payload.id}" already exists`, { proposal: payload.id });
      const open = (context.state.get(contractsKeys.openProposals) as number | undefined) ?? 0;
      if (open >= openProposalsMax) throw new ExecutionError({ code: "TX_LIMIT_EXCEEDED", limit: "contractOpenProposalsMax" }, `at most ${openProposalsMax} contract proposals may be open`);
      // Code is charged by its size, like the transaction's own bytes, since checking it costs in proportion.
      if ("code" in payload.action) context.charge(Math.ceil(payload.action.code.length / 64));
      const { action, methods } = describeAction(runtime, context, payload.action);
      if (action.kind === "deploy") context.state.set(contractsKeys.pendingName(action.name), payload.id);
      const proposal: ContractProposal = { id: payload.id, proposer: org, action, ...(methods === undefined ? {} : { methods }), approvals: [], needed: 1, status: "open", createdAt: context.block.height };
      context.state.set(contractsKeys.openProposals, open + 1);
      context.emit("proposed", { id: payload.id, org, kind: action.kind, name: action.name });
      approveWith(runtime, context, proposal, org);
    },
  });
}

export function createApproveTxType(runtime: ContractsRuntime) {
  return defineTxType({
    description: "An organisation admin approves an open contract proposal on behalf of its organisation; more than two thirds of the organisations make it take effect.",
    schema: contractApprovePayloadSchema,
    costUnits: 10,
    authorise: (context) => {
      requireAdmin(context);
    },
    execute: (context, payload) => {
      const org = requireAdmin(context);
      const proposal = readProposal(context.state, payload.id);
      if (proposal === undefined) throw contractError("CONTRACT_PROPOSAL_NOT_FOUND", `no contract proposal "${payload.id}"`, { proposal: payload.id });
      if (proposal.status !== "open") throw contractError("CONTRACT_ALREADY_APPROVED", `proposal "${payload.id}" is already approved`, { proposal: payload.id });
      if (proposal.approvals.includes(org)) throw contractError("CONTRACT_ALREADY_APPROVED", `organisation "${org}" already approved "${payload.id}"`, { proposal: payload.id });
      approveWith(runtime, context, proposal, org);
    },
  });
}

export { readProposal };

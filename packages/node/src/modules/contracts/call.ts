import { parameterScheduleModule } from "../../execution/chainParameters.ts";
import { type CborValue, contractCallPayloadSchema } from "@kexin/core";
import { type ReadContext, defineTxType } from "../../execution/interface.ts";
import { type Account, requireRegistered } from "../identity/index.ts";
import { recordCall, recordFailedCall } from "./callIndex.ts";
import { contractError } from "./errors.ts";
import { policyRoles, requireDeclared } from "./invoke.ts";
import { type ContractsRuntime, runInTransaction } from "./runtime.ts";

export function createCallTxType(runtime: ContractsRuntime) {
  // The executor authorises a transaction and then executes it with the same context: the
  // account authorise read is the one execute needs, unchanged in between.
  const authorised = new WeakMap<ReadContext, Account>();
  return defineTxType({
    description: "A registered member calls a method of an active contract, within the method's role policy and a gas limit; the contract's events become the transaction's and a `result` event carries its value.",
    schema: contractCallPayloadSchema,
    costUnits: 10,
    authorise: (context) => {
      authorised.set(context, requireRegistered(context));
    },
    execute: (context, payload) => {
      const account = authorised.get(context) ?? requireRegistered(context);
      const height = context.block.height;
      const parameters = runtime.records.parameters(context.readModule(parameterScheduleModule), height);
      const { callGasMax } = parameters;
      if (payload.gasLimit > callGasMax) throw contractError("CONTRACT_GAS_LIMIT_TOO_HIGH", `gasLimit ${payload.gasLimit} is above the chain's maximum of ${callGasMax}`, { contract: payload.contract });
      const contract = runtime.records.callable(context.state, payload.contract, height);
      const declared = requireDeclared(contract, payload.method);
      const about = { contract: contract.name, method: payload.method };
      const roles = policyRoles(contract, payload.method);
      if (roles === undefined) throw contractError("CONTRACT_METHOD_NOT_ALLOWED", `${contract.name}.${payload.method} is not in the contract's policy, so transactions cannot call it`, about);
      if (roles.length > 0 && !account.roles.some((role) => roles.includes(role))) {
        throw contractError("CONTRACT_METHOD_NOT_ALLOWED", `${contract.name}.${payload.method} needs one of the roles ${roles.join(", ")}`, about);
      }
      const { value, gasUsed } = runInTransaction(runtime, context, { contract, method: payload.method, args: payload.args as CborValue, gasLimit: payload.gasLimit, writable: !declared.readOnly }, { parameters, account });
      context.emit("result", { contract: contract.name, method: payload.method, value, gasUsed });
      recordCall(context, contract, payload.method, gasUsed);
    },
    onFailure: recordFailedCall,
  });
}

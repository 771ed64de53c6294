export { type GetBalanceParameters, type GetBalanceReturnType, getBalance } from "./getBalance.ts";
export { type IssueCall, type IssuePayload, issue } from "./issue.ts";
export { type TransferCall, type TransferPayload, transfer } from "./transfer.ts";
export { actions } from "./actions.ts";

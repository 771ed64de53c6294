import { callContract } from "./callContract.ts";
import { getCalls } from "./getCalls.ts";
import { getCode } from "./getCode.ts";
import { getContract } from "./getContract.ts";
import { getContractEvents } from "./getContractEvents.ts";
import { getEvents } from "./getEvents.ts";
import { getParameters } from "./getParameters.ts";
import { getProposal } from "./getProposal.ts";
import { getProposals } from "./getProposals.ts";
import { listContracts } from "./listContracts.ts";
import { queryContract } from "./queryContract.ts";

/** The contracts actions that read from or write to a node: createKexinClient binds each to its client. */
export const actions = { callContract, getCalls, getCode, getContract, getContractEvents, getEvents, getParameters, getProposal, getProposals, listContracts, queryContract } as const;

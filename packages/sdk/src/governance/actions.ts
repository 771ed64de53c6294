import { getParameters } from "./getParameters.ts";
import { getProposal } from "./getProposal.ts";
import { getProposals } from "./getProposals.ts";
import { getScheduledParameters } from "./getScheduledParameters.ts";
import { getValidatorSchedule } from "./getValidatorSchedule.ts";
import { getValidators } from "./getValidators.ts";

/** The governance actions that read from a node: createKexinClient binds each to its client. */
export const actions = { getParameters, getProposal, getProposals, getScheduledParameters, getValidatorSchedule, getValidators } as const;

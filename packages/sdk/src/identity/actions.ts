import { getAccounts } from "./getAccounts.ts";
import { getMember } from "./getMember.ts";
import { getNodeKeys } from "./getNodeKeys.ts";
import { getOrganisations } from "./getOrganisations.ts";

/** The identity actions that read from or write to a node: createKexinClient binds each to its client. */
export const actions = { getAccounts, getMember, getNodeKeys, getOrganisations } as const;

import { getMember } from "./getMember.ts";
import { getOrganisations } from "./getOrganisations.ts";

/** The identity actions that read from or write to a node: createKexinClient binds each to its client. */
export const actions = { getMember, getOrganisations } as const;

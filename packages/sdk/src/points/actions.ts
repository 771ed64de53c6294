import { getBalance } from "./getBalance.ts";

/** The points actions that read from or write to a node: createKexinClient binds each to its client. */
export const actions = { getBalance } as const;

import { getBells } from "./getBells.ts";

/** The toy actions that read from a node: createKexinClient binds each to its client. */
export const actions = { getBells } as const;

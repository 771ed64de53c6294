export { type GetBellsParameters, type GetBellsReturnType, getBells } from "./getBells.ts";
export { type RingCall, type RingPayload, ring } from "./ring.ts";
export { actions } from "./actions.ts";

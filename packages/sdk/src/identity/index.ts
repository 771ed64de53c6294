export { type GetMemberParameters, type GetMemberReturnType, getMember } from "./getMember.ts";
export { type GetOrganisationsParameters, type GetOrganisationsReturnType, getOrganisations } from "./getOrganisations.ts";
export { type RegisterDeviceCall, type RegisterDevicePayload, registerDevice } from "./registerDevice.ts";
export { type RegisterMemberCall, type RegisterMemberPayload, registerMember } from "./registerMember.ts";
export { type RegisterNodeCall, type RegisterNodePayload, registerNode } from "./registerNode.ts";
export { type RevokeCall, type RevokePayload, revoke } from "./revoke.ts";
export { type SetRolesCall, type SetRolesPayload, setRoles } from "./setRoles.ts";
export { actions } from "./actions.ts";

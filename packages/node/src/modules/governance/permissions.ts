import { notAuthorised } from "../../execution/errors.ts";
import { identityModuleName, requireRegistered } from "../identity/index.ts";

export { identityModuleName, requireRegistered };

export function notAuthorisedAdmin(address: string) {
  return notAuthorised(address, "organisation admin", `signer ${address} is not an organisation admin`);
}

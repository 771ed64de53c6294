import type { TxCall } from "../call.ts";
import { traceLimits } from "./types.ts";
import { requireBoundedText, requireOrganisation, requireRegion, requireUri } from "./validation.ts";

export type RegisterLocationParameters = {
  /** The EPCIS location or party URI, e.g. urn:epc:id:sgln:0614141.00001.0. */
  readonly id: string;
  readonly org: string;
  /** A region code such as CN-31; stock is counted per region. */
  readonly region: string;
  readonly name: string;
};
export type RegisterLocationPayload = { readonly id: string; readonly org: string; readonly region: string; readonly name: string };
export type RegisterLocationCall = TxCall<"trace", "register_location", RegisterLocationPayload>;

/** Maps a location to an organisation and a region; the signer must be an admin of `org`, and an id stays with the organisation that registered it. */
export function registerLocation(parameters: RegisterLocationParameters): RegisterLocationCall {
  const context = "trace.register_location";
  return {
    module: "trace",
    type: "register_location",
    payload: {
      id: requireUri(context, "id", parameters.id),
      org: requireOrganisation(context, "org", parameters.org),
      region: requireRegion(context, "region", parameters.region),
      name: requireBoundedText(context, "name", parameters.name, traceLimits.nameLengthMax),
    },
  };
}

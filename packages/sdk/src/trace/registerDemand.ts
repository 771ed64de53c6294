import type { TxCall } from "../call.ts";
import { traceLimits } from "./types.ts";
import { requireGtin, requireInteger, requireRegion } from "./validation.ts";

export type RegisterDemandParameters = {
  readonly gtin: string;
  readonly region: string;
  /** Units needed; 0 withdraws the organisation's demand. */
  readonly quantity: number;
};
export type RegisterDemandPayload = { readonly gtin: string; readonly region: string; readonly quantity: number };
export type RegisterDemandCall = TxCall<"trace", "register_demand", RegisterDemandPayload>;

/** States how many units of a product the signer's organisation needs in a region (one figure per organisation, product and region); the signer needs the `hospital` role. */
export function registerDemand(parameters: RegisterDemandParameters): RegisterDemandCall {
  const context = "trace.register_demand";
  return {
    module: "trace",
    type: "register_demand",
    payload: {
      gtin: requireGtin(context, "gtin", parameters.gtin),
      region: requireRegion(context, "region", parameters.region),
      quantity: requireInteger(context, "quantity", parameters.quantity, 0, traceLimits.quantityMax),
    },
  };
}

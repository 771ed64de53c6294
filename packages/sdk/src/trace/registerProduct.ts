import type { TxCall } from "../call.ts";
import { type DeviceClass, traceLimits } from "./types.ts";
import { requireBoundedText, requireDeviceClass, requireGtin, requireRegistrationNumber } from "./validation.ts";

export type RegisterProductParameters = {
  /** GTIN-8, -12, -13 or -14 with its check digit; sent as the GTIN-14. */
  readonly gtin: string;
  readonly name: string;
  readonly deviceClass: DeviceClass;
  /** The registration certificate number (注册证编号). */
  readonly registrationNumber: string;
};
export type RegisterProductPayload = { readonly gtin: string; readonly name: string; readonly deviceClass: DeviceClass; readonly registrationNumber: string };
export type RegisterProductCall = TxCall<"trace", "register_product", RegisterProductPayload>;

/** Registers a device model; the signer needs the `manufacturer` role and its organisation becomes the manufacturer. A GTIN is registered once. */
export function registerProduct(parameters: RegisterProductParameters): RegisterProductCall {
  const context = "trace.register_product";
  return {
    module: "trace",
    type: "register_product",
    payload: {
      gtin: requireGtin(context, "gtin", parameters.gtin),
      name: requireBoundedText(context, "name", parameters.name, traceLimits.nameLengthMax),
      deviceClass: requireDeviceClass(context, "deviceClass", parameters.deviceClass),
      registrationNumber: requireRegistrationNumber(context, parameters.registrationNumber),
    },
  };
}

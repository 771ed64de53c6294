import type { TxCall } from "../call.ts";
import { requireAddress, requireText } from "../validation.ts";

export type RegisterDevicePayload = { readonly org: string; readonly address: string; readonly name: string; readonly model: string };
export type RegisterDeviceCall = TxCall<"identity", "register_device", RegisterDevicePayload>;

/** Registers a device's signing key under an organisation; the signer must be an admin of `org`. */
export function registerDevice(parameters: RegisterDevicePayload): RegisterDeviceCall {
  const context = "identity.register_device";
  return {
    module: "identity",
    type: "register_device",
    payload: {
      org: requireText(context, "org", parameters.org, 64),
      address: requireAddress(context, "address", parameters.address),
      name: requireText(context, "name", parameters.name),
      model: requireText(context, "model", parameters.model),
    },
  };
}

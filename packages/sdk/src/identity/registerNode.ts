import type { TxCall } from "../call.ts";
import { requirePublicKey, requireText } from "../validation.ts";

export type RegisterNodePayload = { readonly org: string; readonly publicKey: string; readonly name: string };
export type RegisterNodeCall = TxCall<"identity", "register_node", RegisterNodePayload>;

/** Admits a node's key to the peer-to-peer network; the signer must be an admin of `org`. */
export function registerNode(parameters: RegisterNodePayload): RegisterNodeCall {
  const context = "identity.register_node";
  return {
    module: "identity",
    type: "register_node",
    payload: {
      org: requireText(context, "org", parameters.org, 64),
      publicKey: requirePublicKey(context, "publicKey", parameters.publicKey),
      name: requireText(context, "name", parameters.name),
    },
  };
}

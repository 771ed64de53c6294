import type { TxCall } from "../call.ts";
import { invalidParameter } from "../errors.ts";
import { requireDate, requireGtin, requireLot } from "./validation.ts";

export type RegisterLotParameters = {
  readonly gtin: string;
  readonly lot: string;
  /** YYYY-MM-DD. */
  readonly productionDate?: string;
  /** YYYY-MM-DD; lookups of the lot's units are flagged expired after it. */
  readonly expiryDate?: string;
};
export type RegisterLotPayload = { readonly gtin: string; readonly lot: string; readonly productionDate?: string; readonly expiryDate?: string };
export type RegisterLotCall = TxCall<"trace", "register_lot", RegisterLotPayload>;

/** Records a lot with its dates; only the product's manufacturer may. */
export function registerLot(parameters: RegisterLotParameters): RegisterLotCall {
  const context = "trace.register_lot";
  const gtin = requireGtin(context, "gtin", parameters.gtin);
  const productionDate = parameters.productionDate === undefined ? undefined : requireDate(context, "productionDate", parameters.productionDate);
  const expiryDate = parameters.expiryDate === undefined ? undefined : requireDate(context, "expiryDate", parameters.expiryDate);
  if (productionDate !== undefined && expiryDate !== undefined && expiryDate < productionDate) {
    throw invalidParameter(context, "expiryDate", `must not be before productionDate (${expiryDate} < ${productionDate})`);
  }
  return {
    module: "trace",
    type: "register_lot",
    payload: {
      gtin,
      lot: requireLot(context, "lot", parameters.lot, gtin),
      ...(productionDate === undefined ? {} : { productionDate }),
      ...(expiryDate === undefined ? {} : { expiryDate }),
    },
  };
}

import { Type } from "@sinclair/typebox";
import { type TxContext, defineTxType } from "../../execution/interface.ts";
import { type Account, requireAdminOf, requireRole } from "../identity/index.ts";
import { TraceModuleError } from "./errors.ts";
import { checkDate, checkLot, normaliseGtin } from "./identifiers.ts";
import { traceKeys } from "./keys.ts";
import { type Location, type Lot, type Product, type Recall, getRecord, putRecord } from "./records.ts";
import { traceSchemas } from "./schemas.ts";

/** The roles the trace module checks, through the one permission service. */
export const traceRoles = {
  manufacturer: "manufacturer",
  regulator: "regulator",
  hospital: "hospital",
} as const;

export function noteBlockTime(context: TxContext): void {
  context.state.set(traceKeys.clock, context.block.time);
}

export function requireProduct(context: { state: { get(key: string): unknown } }, gtin: string): Product {
  const product = context.state.get(traceKeys.product(gtin)) as Product | undefined;
  if (product === undefined) throw new TraceModuleError({ code: "TRACE_UNKNOWN_PRODUCT", gtin }, `no device model with GTIN ${gtin} is registered; its manufacturer registers it with register_product`);
  return product;
}

export function requireOwnProduct(product: Product, account: Account, field: string): void {
  if (product.manufacturer !== account.org) {
    throw new TraceModuleError(
      { code: "TRACE_NOT_MANUFACTURER", gtin: product.gtin, manufacturer: product.manufacturer, org: account.org },
      `${field}: GTIN ${product.gtin} is registered by manufacturer "${product.manufacturer}", not by "${account.org}"`,
    );
  }
}

export const registerProduct = defineTxType({
  description: "A manufacturer registers a device model: GTIN, name, class (I/II/III) and registration certificate number.",
  schema: Type.Object(
    { gtin: traceSchemas.gtin, name: traceSchemas.name, deviceClass: traceSchemas.deviceClass, registrationNumber: traceSchemas.registrationNumber },
    { additionalProperties: false },
  ),
  costUnits: 10,
  authorise: (context) => {
    requireRole(context, traceRoles.manufacturer);
  },
  execute: (context, payload) => {
    const account = requireRole(context, traceRoles.manufacturer);
    const gtin = normaliseGtin(payload.gtin, "gtin");
    const existing = getRecord<Product>(context.state, traceKeys.product(gtin));
    if (existing !== undefined) {
      throw new TraceModuleError({ code: "TRACE_PRODUCT_EXISTS", gtin }, `GTIN ${gtin} is already registered (by "${existing.manufacturer}" as "${existing.name}")`);
    }
    const product: Product = {
      gtin,
      name: payload.name,
      deviceClass: payload.deviceClass,
      registrationNumber: payload.registrationNumber,
      manufacturer: account.org,
      registeredAt: context.block.height,
      txHash: context.tx.hash,
    };
    putRecord(context.state, traceKeys.product(gtin), product);
    noteBlockTime(context);
    context.emit("product_registered", { gtin, manufacturer: account.org, deviceClass: payload.deviceClass });
  },
});

export const registerLot = defineTxType({
  description: "The manufacturer of a product records a lot with its production and expiry dates.",
  schema: Type.Object(
    { gtin: traceSchemas.gtin, lot: traceSchemas.lot, productionDate: Type.Optional(traceSchemas.date), expiryDate: Type.Optional(traceSchemas.date) },
    { additionalProperties: false },
  ),
  costUnits: 10,
  authorise: (context) => {
    requireRole(context, traceRoles.manufacturer);
  },
  execute: (context, payload) => {
    const account = requireRole(context, traceRoles.manufacturer);
    const gtin = normaliseGtin(payload.gtin, "gtin");
    requireOwnProduct(requireProduct(context, gtin), account, "gtin");
    checkLot(gtin, payload.lot, "lot");
    if (payload.productionDate !== undefined) checkDate(payload.productionDate, "productionDate");
    if (payload.expiryDate !== undefined) checkDate(payload.expiryDate, "expiryDate");
    const lot: Lot = { gtin, lot: payload.lot, productionDate: payload.productionDate, expiryDate: payload.expiryDate, registeredAt: context.block.height };
    putRecord(context.state, traceKeys.lot(gtin, payload.lot), lot);
    noteBlockTime(context);
    context.emit("lot_registered", { gtin, lot: payload.lot });
  },
});

export const registerLocation = defineTxType({
  description: "An organisation admin maps an EPCIS location or party URI (e.g. urn:epc:id:sgln:…) to the organisation and a region.",
  schema: Type.Object({ id: traceSchemas.uri, org: traceSchemas.orgId, region: traceSchemas.region, name: traceSchemas.name }, { additionalProperties: false }),
  costUnits: 10,
  authorise: (context, payload) => {
    requireAdminOf(context, payload.org);
  },
  execute: (context, payload) => {
    requireAdminOf(context, payload.org);
    const key = traceKeys.location(payload.id);
    const existing = getRecord<Location>(context.state, key);
    if (existing !== undefined && existing.org !== payload.org) {
      throw new TraceModuleError(
        { code: "TRACE_LOCATION_TAKEN", location: payload.id, org: existing.org },
        `location ${payload.id} is registered to organisation "${existing.org}"; only its admins may change it`,
      );
    }
    const location: Location = { id: payload.id, org: payload.org, region: payload.region, name: payload.name, registeredAt: existing?.registeredAt ?? context.block.height };
    putRecord(context.state, key, location);
    noteBlockTime(context);
    context.emit("location_registered", { id: payload.id, org: payload.org, region: payload.region });
  },
});

export const recall = defineTxType({
  description: "A regulator recalls a product (every lot) or one lot; lookups of its units are flagged.",
  schema: Type.Object({ gtin: traceSchemas.gtin, lot: Type.Optional(traceSchemas.lot), reason: traceSchemas.text }, { additionalProperties: false }),
  costUnits: 10,
  authorise: (context) => {
    requireRole(context, traceRoles.regulator);
  },
  execute: (context, payload) => {
    const account = requireRole(context, traceRoles.regulator);
    const gtin = normaliseGtin(payload.gtin, "gtin");
    requireProduct(context, gtin);
    if (payload.lot !== undefined) checkLot(gtin, payload.lot, "lot");
    const key = traceKeys.recall(gtin, payload.lot);
    if (context.state.get(key) !== undefined) {
      const lot = payload.lot ?? "";
      throw new TraceModuleError({ code: "TRACE_ALREADY_RECALLED", gtin, lot }, `GTIN ${gtin}${lot === "" ? "" : ` lot ${lot}`} is already recalled`);
    }
    const record: Recall = { gtin, lot: payload.lot, reason: payload.reason, org: account.org, height: context.block.height, blockTime: context.block.time, txHash: context.tx.hash };
    putRecord(context.state, key, record);
    noteBlockTime(context);
    context.emit("recalled", { gtin, lot: payload.lot ?? "", reason: payload.reason, org: account.org });
  },
});

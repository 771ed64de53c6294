import { type DatasetRecord, datashareError, registerDatasetPayloadSchema } from "@kexin/core";
import { type StateRead, defineTxType } from "../../execution/interface.ts";
import { administeredOrganisation } from "../identity/index.ts";
import { datashareKeys } from "./keys.ts";
import { appendToList, datashareLists } from "./lists.ts";
import { checkRecordSchema } from "./recordSchema.ts";
import { datasetOfStored, storedDataset } from "./storedForms.ts";

export function readDataset(state: StateRead, id: string): DatasetRecord | undefined {
  const stored = state.get(datashareKeys.dataset(id));
  return stored === undefined ? undefined : datasetOfStored(id, stored);
}

export function requireDataset(state: StateRead, id: string): DatasetRecord {
  const dataset = readDataset(state, id);
  if (dataset === undefined) throw datashareError("DATASHARE_DATASET_NOT_FOUND", `no dataset "${id}" is registered`, { dataset: id });
  return dataset;
}

/** The organisation the signer administers; DATASHARE_NOT_ADMIN for anyone else. */
export function requireAdministeredOrganisation(context: Parameters<typeof administeredOrganisation>[0], action: string): string {
  const organisation = administeredOrganisation(context);
  if (organisation === undefined) throw datashareError("DATASHARE_NOT_ADMIN", `only an organisation's admin may ${action}; ${context.caller.address} is none`, { address: context.caller.address });
  return organisation;
}

export const registerDataset = defineTxType({
  description: "An organisation's admin registers a dataset in the catalogue, owned by its organisation.",
  schema: registerDatasetPayloadSchema,
  costUnits: 20,
  authorise: (context) => {
    requireAdministeredOrganisation(context, "register a dataset");
  },
  execute: (context, payload) => {
    const owner = requireAdministeredOrganisation(context, "register a dataset");
    if (readDataset(context.state, payload.id) !== undefined) throw datashareError("DATASHARE_DATASET_EXISTS", `dataset "${payload.id}" is already registered`, { dataset: payload.id });
    checkRecordSchema(payload.recordSchema);
    const dataset: DatasetRecord = { ...payload, owner, registeredBy: context.caller.address, registeredAt: context.block.height };
    context.state.set(datashareKeys.dataset(payload.id), storedDataset(dataset));
    appendToList(context, datashareLists.datasets(), payload.id);
    context.emit("dataset_registered", { dataset: payload.id, owner, price: payload.price, classification: payload.classification });
  },
});

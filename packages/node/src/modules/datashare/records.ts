import { type SharedRecord, datashareError, publishRecordPayloadSchema } from "@kexin/core";
import { type StateRead, defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { requireDataset } from "./catalogue.ts";
import { datashareKeys } from "./keys.ts";
import { appendToList, datashareLists } from "./lists.ts";
import { sharedRecordOfStored, storedSharedRecord } from "./storedForms.ts";

export function readSharedRecord(state: StateRead, id: string): SharedRecord | undefined {
  const stored = state.get(datashareKeys.record(id));
  return stored === undefined ? undefined : sharedRecordOfStored(id, stored);
}

export function requireSharedRecord(state: StateRead, id: string): SharedRecord {
  const record = readSharedRecord(state, id);
  if (record === undefined) throw datashareError("DATASHARE_RECORD_NOT_FOUND", `no record "${id}" is published`, { record: id });
  return record;
}

export const publishRecord = defineTxType({
  description: "A member of a dataset's owner publishes an encrypted record: its ciphertext's hash and size and a keyed subject reference.",
  schema: publishRecordPayloadSchema,
  costUnits: 10,
  authorise: (context) => {
    requireRegistered(context);
  },
  execute: (context, payload) => {
    const account = requireRegistered(context);
    const dataset = requireDataset(context.state, payload.dataset);
    if (account.org !== dataset.owner) {
      throw datashareError("DATASHARE_NOT_OWNER", `dataset "${dataset.id}" belongs to "${dataset.owner}"; ${context.caller.address} of "${account.org}" cannot publish to it`, { dataset: dataset.id, owner: dataset.owner });
    }
    if (readSharedRecord(context.state, payload.id) !== undefined) throw datashareError("DATASHARE_RECORD_EXISTS", `record "${payload.id}" is already published`, { record: payload.id });
    const record: SharedRecord = { ...payload, publisher: context.caller.address, publishedAt: context.block.height, tx: context.tx.hash };
    context.state.set(datashareKeys.record(payload.id), storedSharedRecord(record));
    appendToList(context, datashareLists.records(payload.dataset), payload.id);
    context.state.set(datashareKeys.subjectRecord(payload.dataset, payload.subject, payload.id), 1);
    context.emit("record_published", { record: payload.id, dataset: payload.dataset, hash: payload.hash, size: payload.size });
  },
});

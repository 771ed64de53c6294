import type { AccessRecord, CborValue, DatasetClassification, DatasetRecord, Grantee, SharedRecord } from "@kexin/core";

/*
 * How the values an access reads and writes are kept in state: CBOR arrays in a fixed field order
 * rather than maps, without the field that is already the key. An access decodes a dataset and a
 * record and encodes its own entry, and the key release decodes that entry again; canonical map
 * keys are most of the bytes of such small values and cost the decoder more than the values.
 * The wire and query forms (the schemas in @kexin/core) stay maps: these functions convert.
 */

type StoredDataset = readonly [titleZh: string, titleEn: string, recordSchema: string, classification: DatasetClassification, price: number, owner: string, registeredBy: string, registeredAt: number, groupSizeMin?: number];

export function storedDataset(dataset: DatasetRecord): CborValue {
  const stored: readonly CborValue[] = [dataset.title.zh, dataset.title.en, dataset.recordSchema, dataset.classification, dataset.price, dataset.owner, dataset.registeredBy, dataset.registeredAt];
  // Appended only when set, so a dataset without a privacy floor keeps the bytes it always had.
  return dataset.groupSizeMin === undefined ? stored : [...stored, dataset.groupSizeMin];
}

export function datasetOfStored(id: string, value: CborValue): DatasetRecord {
  const [zh, en, recordSchema, classification, price, owner, registeredBy, registeredAt, groupSizeMin] = value as unknown as StoredDataset;
  return { id, title: { zh, en }, recordSchema, classification, price, owner, registeredBy, registeredAt, ...(groupSizeMin === undefined ? {} : { groupSizeMin }) };
}

type StoredRecord = readonly [dataset: string, hash: string, size: number, subject: string, publisher: string, publishedAt: number, tx: string];

export function storedSharedRecord(record: SharedRecord): CborValue {
  const stored: StoredRecord = [record.dataset, record.hash, record.size, record.subject, record.publisher, record.publishedAt, record.tx];
  return stored;
}

export function sharedRecordOfStored(id: string, value: CborValue): SharedRecord {
  const [dataset, hash, size, subject, publisher, publishedAt, tx] = value as unknown as StoredRecord;
  return { id, dataset, hash, size, subject, publisher, publishedAt, tx };
}

/**
 * An access of the owner's own data has no grantee, so its entry ends after `price`; one under a
 * field grant ends with the fields it covers.
 */
type StoredAccess =
  | readonly [requester: string, organisation: string, dataset: string, owner: string, records: readonly string[], purpose: string, height: number, price: number]
  | readonly [requester: string, organisation: string, dataset: string, owner: string, records: readonly string[], purpose: string, height: number, price: number, granteeKind: Grantee["kind"], granteeId: string]
  | readonly [requester: string, organisation: string, dataset: string, owner: string, records: readonly string[], purpose: string, height: number, price: number, granteeKind: Grantee["kind"], granteeId: string, fields: readonly string[]];

export function storedAccess(record: AccessRecord): CborValue {
  const head = [record.requester, record.organisation, record.dataset, record.owner, record.records, record.purpose, record.height, record.price] as const;
  if (record.grantee === undefined) return head as unknown as CborValue;
  const granted = [...head, record.grantee.kind, record.grantee.id] as const;
  const stored: StoredAccess = record.fields === undefined ? granted : [...granted, record.fields];
  return stored as unknown as CborValue;
}

export function accessOfStored(tx: string, value: CborValue): AccessRecord {
  const [requester, organisation, dataset, owner, records, purpose, height, price, granteeKind, granteeId, fields] = value as unknown as StoredAccess;
  const record = { tx, requester, organisation, dataset, owner, records: [...records], purpose, height, price };
  if (granteeKind === undefined || granteeId === undefined) return record;
  const grantee = { kind: granteeKind, id: granteeId } as Grantee;
  return fields === undefined ? { ...record, grantee } : { ...record, grantee, fields: [...fields] };
}

import type { Grantee } from "@kexin/core";

/** Heights in index keys are padded so that key order is height order. */
const heightDigits = 16;
const paddedHeight = (height: number): string => String(height).padStart(heightDigits, "0");

/** Every key of the datashare namespace, built in one place. */
export const datashareKeys = {
  dataset: (id: string): string => `dataset/${id}`,
  datasetPrefix: "dataset/",
  encryptionKey: (address: string): string => `encryption_key/${address}`,
  record: (id: string): string => `record/${id}`,
  /** The records of a dataset, by record id. */
  datasetRecord: (dataset: string, record: string): string => `dataset_record/${dataset}/${record}`,
  datasetRecordPrefix: (dataset: string): string => `dataset_record/${dataset}/`,
  /** The records of one subject in a dataset, by record id. */
  subjectRecord: (dataset: string, subject: string, record: string): string => `subject_record/${dataset}/${subject}/${record}`,
  subjectRecordPrefix: (dataset: string, subject: string): string => `subject_record/${dataset}/${subject}/`,
  grant: (dataset: string, grantee: Grantee): string => `grant/${dataset}/${grantee.kind}:${grantee.id}`,
  grantPrefix: (dataset: string): string => `grant/${dataset}/`,
  credits: (organisation: string): string => `credits/${organisation}`,
  creditsPrefix: "credits/",
  access: (tx: string): string => `access/${tx}`,
  /** Accesses of a dataset and by an organisation, in height order. */
  datasetAccess: (dataset: string, height: number, tx: string): string => `dataset_access/${dataset}/${paddedHeight(height)}/${tx}`,
  datasetAccessPrefix: (dataset: string): string => `dataset_access/${dataset}/`,
  organisationAccess: (organisation: string, height: number, tx: string): string => `organisation_access/${organisation}/${paddedHeight(height)}/${tx}`,
  organisationAccessPrefix: (organisation: string): string => `organisation_access/${organisation}/`,
  /** The transaction hash an index key ends with. */
  txOfIndexKey: (key: string): string => key.slice(key.lastIndexOf("/") + 1),
};

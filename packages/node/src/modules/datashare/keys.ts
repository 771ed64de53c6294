import type { Grantee } from "@kexin/core";

/** Every key of the datashare namespace, built in one place. */
export const datashareKeys = {
  dataset: (id: string): string => `dataset/${id}`,
  datasetPrefix: "dataset/",
  encryptionKey: (address: string): string => `encryption_key/${address}`,
  record: (id: string): string => `record/${id}`,
  /** The records of one subject in a dataset, by record id. */
  subjectRecord: (dataset: string, subject: string, record: string): string => `subject_record/${dataset}/${subject}/${record}`,
  subjectRecordPrefix: (dataset: string, subject: string): string => `subject_record/${dataset}/${subject}/`,
  grant: (dataset: string, grantee: Grantee): string => `grant/${dataset}/${grantee.kind}:${grantee.id}`,
  grantPrefix: (dataset: string): string => `grant/${dataset}/`,
  /** The accesses a grant has allowed, apart from the grant so that an access rewrites a number, not the grant; absent for none. */
  grantAccesses: (dataset: string, grantee: Grantee): string => `grant_accesses/${dataset}/${grantee.kind}:${grantee.id}`,
  credits: (organisation: string): string => `credits/${organisation}`,
  creditsPrefix: "credits/",
  access: (tx: string): string => `access/${tx}`,
  /** A compute request and, once posted, its result. */
  compute: (tx: string): string => `compute/${tx}`,
  /** Compute requests awaiting their result, which the owners' nodes watch; removed when the result is posted. */
  computePending: (tx: string): string => `compute_pending/${tx}`,
  computePendingPrefix: "compute_pending/",
  /** The citizen's signing key an organisation bound to a subject reference it made. */
  subjectKey: (organisation: string, subject: string): string => `subject_key/${organisation}/${subject}`,
};

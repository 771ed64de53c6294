import { getAccesses } from "./getAccesses.ts";
import { getComputeResult } from "./getComputeResult.ts";
import { getCredits } from "./getCredits.ts";
import { getDataset } from "./getDataset.ts";
import { getDatasets } from "./getDatasets.ts";
import { getEncryptionKey } from "./getEncryptionKey.ts";
import { getGrants } from "./getGrants.ts";
import { getRecord } from "./getRecord.ts";
import { getRecords } from "./getRecords.ts";
import { getSubjectAudit } from "./getSubjectAudit.ts";
import { readRecord } from "./readRecord.ts";
import { readRecords } from "./readRecords.ts";
import { requestDataKey } from "./requestDataKey.ts";
import { requestDataKeys } from "./requestDataKeys.ts";
import { shareRecord } from "./shareRecord.ts";
import { getCredential } from "./getCredential.ts";
import { getCredentialStatusList } from "./getCredentialStatusList.ts";
import { getCredentialVerifications } from "./getCredentialVerifications.ts";
import { issueCredential } from "./issueCredential.ts";
import { presentCredential } from "./presentCredential.ts";
import { verifyCredential } from "./verifyCredential.ts";

/** The datashare actions that read from or write to a node: createKexinClient binds each to its client. */
export const actions = {
  getAccesses,
  getComputeResult,
  getCredits,
  getDataset,
  getDatasets,
  getEncryptionKey,
  getGrants,
  getRecord,
  getRecords,
  getSubjectAudit,
  readRecord,
  readRecords,
  requestDataKey,
  requestDataKeys,
  shareRecord,
  getCredential,
  getCredentialStatusList,
  getCredentialVerifications,
  issueCredential,
  presentCredential,
  verifyCredential,
} as const;

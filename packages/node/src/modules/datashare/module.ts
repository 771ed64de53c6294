import { type CryptoSuite, datashareModuleName } from "@kexin/core";
import type { ModuleDefinition } from "../../execution/interface.ts";
import { access } from "./access.ts";
import { compute, createComputeResultTxType } from "./compute.ts";
import { computeQueries } from "./computeQueries.ts";
import { credentialQueries } from "./credentialQueries.ts";
import { reinstateCredential, revokeCredential, suspendCredential } from "./credentialStatusChanges.ts";
import { issueCredential, verifyCredential } from "./credentials.ts";
import { registerDataset } from "./catalogue.ts";
import { createRegisterEncryptionKeyTxType } from "./encryptionKeys.ts";
import { grant, revoke } from "./grants.ts";
import { datashareQueries } from "./queries.ts";
import { publishRecord } from "./records.ts";
import { createBindSubjectKeyTxType } from "./subjectKeys.ts";

export function createDatashareModule(suite: CryptoSuite, chainId: string): ModuleDefinition {
  return {
    name: datashareModuleName,
    description: "Encrypted data sharing between organisations: a catalogue, grants, audited accesses paid in credits.",
    txTypes: {
      register_dataset: registerDataset,
      register_encryption_key: createRegisterEncryptionKeyTxType(suite),
      publish_record: publishRecord,
      grant,
      revoke,
      access,
      issue_credential: issueCredential,
      revoke_credential: revokeCredential,
      suspend_credential: suspendCredential,
      reinstate_credential: reinstateCredential,
      verify_credential: verifyCredential,
      bind_subject_key: createBindSubjectKeyTxType(suite),
      compute,
      compute_result: createComputeResultTxType(suite, chainId),
    },
    queries: { ...datashareQueries, ...credentialQueries, ...computeQueries },
  };
}

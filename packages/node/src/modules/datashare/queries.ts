import { type AccessRecord, type DatasetRecord, type GrantRecord, type SharedRecord, datasetIdSchema, datashareError, recordIdSchema } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type QueryDefinition, type StateRead, defineQuery } from "../../execution/interface.ts";
import { requireDataset } from "./catalogue.ts";
import { creditsOf } from "./credits.ts";
import { readEncryptionKey } from "./encryptionKeys.ts";
import { datashareKeys } from "./keys.ts";
import { datashareListLimitMax } from "./limits.ts";
import { requireSharedRecord } from "./records.ts";

const limit = Type.Optional(integerParameter({ minimum: 1, maximum: datashareListLimitMax }, `entries to list (default ${datashareListLimitMax})`));
const organisation = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" });
const address = Type.String({ pattern: "^[0-9a-f]{40}$" });

function limitOf(text: string | undefined): number {
  return Math.min(datashareListLimitMax, text === undefined ? datashareListLimitMax : Number(text));
}

/** The accesses an index lists (keys ending in the access transaction's hash), oldest first. */
function accessesListed(state: StateRead, prefix: string, count: number): AccessRecord[] {
  return state.list(prefix, count).map((entry) => state.get(datashareKeys.access(datashareKeys.txOfIndexKey(entry.key))) as unknown as AccessRecord);
}

export const datashareQueries: Readonly<Record<string, QueryDefinition>> = {
  datasets: defineQuery({
    description: "The catalogue: registered datasets by id.",
    parameters: Type.Object({ limit }),
    run: (state, parameters) => ({ datasets: state.list(datashareKeys.datasetPrefix, limitOf(parameters.limit)).map((entry) => entry.value as unknown as DatasetRecord) }),
  }),
  dataset: defineQuery({
    description: "One dataset of the catalogue.",
    parameters: Type.Object({ id: datasetIdSchema }),
    run: (state, parameters) => requireDataset(state, parameters.id),
  }),
  records: defineQuery({
    description: "The records published to a dataset, by record id.",
    parameters: Type.Object({ dataset: datasetIdSchema, limit }),
    run: (state, parameters) => {
      requireDataset(state, parameters.dataset);
      const prefix = datashareKeys.datasetRecordPrefix(parameters.dataset);
      return { records: state.list(prefix, limitOf(parameters.limit)).map((entry) => state.get(datashareKeys.record(entry.key.slice(prefix.length))) as unknown as SharedRecord) };
    },
  }),
  record: defineQuery({
    description: "One published record: its dataset, ciphertext hash and size, subject reference and publisher.",
    parameters: Type.Object({ id: recordIdSchema }),
    run: (state, parameters) => requireSharedRecord(state, parameters.id),
  }),
  grants: defineQuery({
    description: "The grants of a dataset, revoked ones included, with the accesses each has used.",
    parameters: Type.Object({ dataset: datasetIdSchema, limit }),
    run: (state, parameters) => {
      requireDataset(state, parameters.dataset);
      return { grants: state.list(datashareKeys.grantPrefix(parameters.dataset), limitOf(parameters.limit)).map((entry) => entry.value as unknown as GrantRecord) };
    },
  }),
  credits: defineQuery({
    description: "An organisation's credit balance.",
    parameters: Type.Object({ organisation }),
    run: (state, parameters) => ({ organisation: parameters.organisation, balance: creditsOf(state, parameters.organisation) }),
  }),
  encryption_key: defineQuery({
    description: "The encryption public key an account registered, if any.",
    parameters: Type.Object({ address }),
    run: (state, parameters) => readEncryptionKey(state, parameters.address) ?? null,
  }),
  accesses: defineQuery({
    description: "The audited accesses of a dataset, or by an organisation, oldest first.",
    parameters: Type.Object({ dataset: Type.Optional(datasetIdSchema), organisation: Type.Optional(organisation), limit }),
    run: (state, parameters) => {
      const count = limitOf(parameters.limit);
      if (parameters.dataset !== undefined && parameters.organisation === undefined) return { accesses: accessesListed(state, datashareKeys.datasetAccessPrefix(parameters.dataset), count) };
      if (parameters.organisation !== undefined && parameters.dataset === undefined) return { accesses: accessesListed(state, datashareKeys.organisationAccessPrefix(parameters.organisation), count) };
      throw datashareError("DATASHARE_QUERY_INVALID", "name either a dataset or an organisation, not both");
    },
  }),
};

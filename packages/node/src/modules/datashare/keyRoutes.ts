import {
  type DatasetRecord,
  DatashareError,
  type KeyDepositPayload,
  type KeyReleaseAnswer,
  type KeyReleasePayload,
  datashareError,
  datashareKeyDepositAuthorisation,
  datashareKeyReleaseAuthorisation,
  datashareModuleName,
  encryptionKeyAlgorithmOf,
  fromHex,
  keyDepositContext,
  keyDepositPayloadSchema,
  keyReleaseContext,
  keyReleasePayloadSchema,
  releasedRecordKeys,
  toHex,
  unwrapDataKey,
  wrapDataKeys,
} from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../../api/context.ts";
import { identityModuleName, readAccount } from "../identity/index.ts";
import { readDataset } from "./catalogue.ts";
import { type ReleaseChallenges, challengeUnknown } from "./challenges.ts";
import { CommittedRecords } from "./committedRecords.ts";
import { registerKeyBatchReleaseRoute } from "./keyBatchRoute.ts";
import type { DataKeyStore } from "./keyStore.ts";
import { signedRequestHexLengthMax } from "./limits.ts";
import { heldRecordKey, releasableAccess, requireRegisteredKey } from "./releaseChecks.ts";
import { readSignedRequest } from "./signedRequest.ts";

const signedRequestBody = Type.Object({ request: Type.String({ maxLength: signedRequestHexLengthMax, description: "hex of the signed, never-submitted request body" }) }, { additionalProperties: false });
const tags = [datashareModuleName];

/**
 * The owner's node's side of encrypted records: publishers deposit data keys (wrapped to the
 * node's encryption key), and requesters with a committed access obtain a record's key wrapped to
 * their registered encryption key, against a fresh challenge. Every answer reads committed state
 * only, so a key is released for what the chain has decided and nothing else.
 */
export function registerDatashareKeyRoutes(app: FastifyInstance, context: ApiContext, keys: DataKeyStore, challenges: ReleaseChallenges): void {
  const { suite, chainId, executor } = context;
  const log = context.logger.child({ module: "datashare-keys" });
  const committed = () => executor.readCommitted(datashareModuleName);
  const records = new CommittedRecords();

  app.get("/v1/datashare/node-key", { schema: { summary: "This node's encryption key, to which publishers wrap the data keys they deposit", tags } }, async () => ({
    algorithm: encryptionKeyAlgorithmOf(suite),
    publicKey: toHex(keys.encryptionPublicKey),
  }));

  app.post("/v1/datashare/keys", { schema: { summary: "Deposit a record's data key with the owner's node (a member of the dataset's owner, signed)", tags, body: signedRequestBody } }, async (request, reply) => {
    const { signer, payload } = readSignedRequest<KeyDepositPayload>(suite, chainId, datashareKeyDepositAuthorisation, keyDepositPayloadSchema, (request.body as { request: string }).request);
    const account = readAccount(executor.readCommitted(identityModuleName), signer);
    const dataset = readDataset(committed(), payload.dataset) as DatasetRecord | undefined;
    if (dataset === undefined) throw datashareError("DATASHARE_DATASET_NOT_FOUND", `no dataset "${payload.dataset}" is registered`, { dataset: payload.dataset });
    if (!account?.active || account.org !== dataset.owner) {
      throw datashareError("DATASHARE_NOT_OWNER", `only active accounts of "${dataset.owner}" deposit keys of dataset "${dataset.id}"`, { dataset: dataset.id, owner: dataset.owner });
    }
    const published = records.read(committed(), payload.record);
    if (published !== undefined && (published.dataset !== payload.dataset || published.hash !== payload.hash)) {
      throw datashareError("DATASHARE_CIPHERTEXT_MISMATCH", `record "${payload.record}" is published with ciphertext ${published.hash} in "${published.dataset}", not ${payload.hash} in "${payload.dataset}"`, { record: payload.record });
    }
    const dataKey = await unwrapDataKey(suite, keys.encryptionPrivateKey, fromHex(payload.wrappedKey), keyDepositContext(chainId, payload.record, payload.hash));
    if (dataKey.length !== suite.sealKeyBytes) throw datashareError("DATASHARE_WRAPPED_KEY_INVALID", `a data key is ${suite.sealKeyBytes} bytes, this one ${dataKey.length}`);
    await keys.put(payload.record, payload.hash, dataKey);
    log.info({ record: payload.record, dataset: payload.dataset, depositor: signer }, "data key deposited");
    return reply.status(201).send({ record: payload.record, hash: payload.hash });
  });

  app.post("/v1/datashare/keys/challenge", { schema: { summary: "A fresh single-use challenge for one key-release request", tags } }, async () => challenges.issue());

  app.post("/v1/datashare/keys/release", { schema: { summary: "A record's data key wrapped to the requester's encryption key, against a committed access", tags, body: signedRequestBody } }, async (request) => {
    const { signer, payload } = readSignedRequest<KeyReleasePayload>(suite, chainId, datashareKeyReleaseAuthorisation, keyReleasePayloadSchema, (request.body as { request: string }).request);
    // Spent before anything else is checked, so that no request is answered twice whatever it asked.
    if (!challenges.consume(payload.challenge)) throw challengeUnknown();
    const state = committed();
    const accessed = releasableAccess(state, context.store.head()?.height ?? 0, signer, payload.access, payload.record);
    if (accessed instanceof DatashareError) throw accessed;
    const registered = requireRegisteredKey(state, signer, payload.encryptionKey);
    const held = await heldRecordKey(state, keys, records, payload.access, payload.record);
    if (held instanceof DatashareError) throw held;
    const { fields } = accessed;
    const released = releasedRecordKeys(suite, held.dataKey, fields);
    const wrapped = await wrapDataKeys(suite, fromHex(registered), released, keyReleaseContext(chainId, payload.access, payload.record, fields));
    log.info({ record: payload.record, access: payload.access, requester: signer, fields: fields?.length }, "data key released");
    const answer: KeyReleaseAnswer = { access: payload.access, record: payload.record, hash: held.hash, size: held.size, ...(fields !== undefined ? { fields } : {}), wrappedKey: toHex(wrapped) };
    return answer;
  });

  registerKeyBatchReleaseRoute(app, context, keys, challenges, records);
}

import {
  type AccessRecord,
  DatashareError,
  type KeyBatchReleaseAnswer,
  type KeyBatchReleasePayload,
  type KeyReleaseItem,
  type KeyReleasedKeys,
  datashareKeyBatchReleaseAuthorisation,
  datashareModuleName,
  fromHex,
  keyBatchReleasePayloadSchema,
  keyReleaseBatchContext,
  releasedRecordKeys,
  toHex,
  wrapDataKeys,
} from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../../api/context.ts";
import { type ReleaseChallenges, challengeUnknown } from "./challenges.ts";
import type { CommittedRecords } from "./committedRecords.ts";
import { datashareHttpStatusByCode } from "./errors.ts";
import type { GrantTerms } from "./grants.ts";
import type { DataKeyStore } from "./keyStore.ts";
import { signedBatchRequestHexLengthMax } from "./limits.ts";
import { heldRecordKey, releasableAccess, requireRegisteredKey } from "./releaseChecks.ts";
import { readSignedRequest } from "./signedRequest.ts";

const signedBatchRequestBody = Type.Object(
  { request: Type.String({ maxLength: signedBatchRequestHexLengthMax, description: "hex of the signed, never-submitted release_keys body" }) },
  { additionalProperties: false },
);

type ItemAnswer = KeyBatchReleaseAnswer["items"][number];

function refusedItem(item: KeyReleaseItem, refusal: DatashareError): ItemAnswer {
  const { code, ...details } = refusal.type;
  const error = { code, status: datashareHttpStatusByCode[code] ?? 400, message: refusal.message };
  return { access: item.access, record: item.record, error: Object.keys(details).length > 0 ? { ...error, details } : error };
}

/**
 * POST /v1/datashare/keys/release-batch: the data keys of many committed accesses of one requester
 * against one challenge and one signature. What concerns the whole request (its signature, the
 * challenge, the requester's registered encryption key) refuses it whole, as the single route
 * does; each item is then checked exactly as a single release and answered on its own, released
 * or refused with its code, so one revoked grant does not hold back the other datasets' keys. The
 * released keys are wrapped together, one encapsulation for the batch: the X25519 (or SM2)
 * operation is what a release costs most, and a reader opens the batch at once anyway. The answer
 * carries a fresh challenge for the reader's next request.
 */
export function registerKeyBatchReleaseRoute(app: FastifyInstance, context: ApiContext, keys: DataKeyStore, challenges: ReleaseChallenges, records: CommittedRecords): void {
  const { suite, chainId, executor } = context;
  const log = context.logger.child({ module: "datashare-keys" });
  app.post(
    "/v1/datashare/keys/release-batch",
    { schema: { summary: "The data keys of many committed accesses of one requester, wrapped together to its encryption key; answered per item", tags: [datashareModuleName], body: signedBatchRequestBody } },
    async (request) => {
      const hex = (request.body as { request: string }).request;
      const { signer, payload } = readSignedRequest<KeyBatchReleasePayload>(suite, chainId, datashareKeyBatchReleaseAuthorisation, keyBatchReleasePayloadSchema, hex, signedBatchRequestHexLengthMax);
      // Spent before anything else is checked, so that no request is answered twice whatever it asked.
      if (!challenges.consume(payload.challenge)) throw challengeUnknown();
      const state = executor.readCommitted(datashareModuleName);
      const registered = requireRegisteredKey(state, signer, payload.encryptionKey);
      const head = context.store.head()?.height ?? 0;
      const items: ItemAnswer[] = [];
      const released: KeyReleasedKeys[] = [];
      const dataKeys: Uint8Array[] = [];
      const grants = new Map<string, GrantTerms | undefined>();
      for (const item of payload.items) {
        const accessed = releasableAccess(state, head, signer, item.access, item.record, grants);
        const held = accessed instanceof DatashareError ? accessed : await heldRecordKey(state, keys, records, item.access, item.record);
        if ("dataKey" in held) {
          const { fields } = accessed as AccessRecord;
          const fieldsNamed = fields !== undefined ? { fields } : {};
          items.push({ access: item.access, record: item.record, hash: held.hash, size: held.size, ...fieldsNamed });
          released.push({ access: item.access, record: item.record, ...fieldsNamed });
          dataKeys.push(...releasedRecordKeys(suite, held.dataKey, fields));
        } else {
          items.push(refusedItem(item, held));
        }
      }
      log.info({ requester: signer, released: released.length, refused: payload.items.length - released.length }, "data keys released");
      const nextChallenge = challenges.issue();
      if (released.length === 0) return { items, nextChallenge } satisfies KeyBatchReleaseAnswer;
      const wrapped = await wrapDataKeys(suite, fromHex(registered), dataKeys, keyReleaseBatchContext(chainId, released));
      return { items, wrappedKeys: toHex(wrapped), nextChallenge } satisfies KeyBatchReleaseAnswer;
    },
  );
}

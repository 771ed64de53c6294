import { type CryptoSuite, toHex, utf8 } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type QueryDefinition, type StateRead, type TxTypeDefinition, defineQuery, defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../../execution/permissions.ts";
import { EvidenceModuleError, fieldError } from "./errors.ts";
import { digits, hashHex, address, requireCaseNumber, requireMediaType, requireTags, requireText } from "./fields.ts";
import { evidenceKeys } from "./keys.ts";
import { evidenceModuleLimits } from "./limits.ts";
import { type Page, appendEntry, pageParameters, readPage } from "./pagination.ts";
import { type AnchorPointer, type AnchorRecord, type CaseEntry, asCbor, readAnchor, readCounter } from "./records.ts";

/** The key under which a case number's entries are listed: its hash, since case numbers are free text. */
export function caseDigest(suite: CryptoSuite, caseNumber: string): string {
  return toHex(suite.hash(utf8(caseNumber)));
}

export const anchorPayload = Type.Object(
  {
    hash: hashHex,
    size: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "bytes of the content" }),
    mediaType: Type.String({ minLength: 3, maxLength: evidenceModuleLimits.mediaTypeLengthMax }),
    title: Type.String({ maxLength: evidenceModuleLimits.titleLengthMax }),
    caseNumber: Type.String({ maxLength: evidenceModuleLimits.caseNumberLengthMax, description: "empty for none" }),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: evidenceModuleLimits.tagLengthMax }), { maxItems: evidenceModuleLimits.tagsMax }),
  },
  { additionalProperties: false },
);

export function createAnchorTxType(suite: CryptoSuite): TxTypeDefinition {
  return defineTxType({
    description: "Anchors the hash of a file hashed on the client, with its size, media type, title, case number and tags; the same hash may be anchored again.",
    schema: anchorPayload,
    costUnits: 10,
    authorise: (context, payload) => {
      requireRegistered(context);
      requireMediaType(payload.mediaType);
      requireText("title", payload.title, evidenceModuleLimits.titleLengthMax, true);
      requireCaseNumber(payload.caseNumber);
      requireTags(payload.tags);
    },
    execute: (context, payload) => {
      const account = requireRegistered(context);
      const { state } = context;
      const index = readCounter(state, evidenceKeys.anchorCount(payload.hash));
      if (index >= evidenceModuleLimits.anchorsPerHashMax) {
        throw new EvidenceModuleError(
          { code: "EVIDENCE_TOO_MANY_ANCHORS", hash: payload.hash, limit: evidenceModuleLimits.anchorsPerHashMax },
          `hash ${payload.hash} has been anchored ${index} times, the most allowed; its earlier anchors already prove it`,
        );
      }
      const sequence = readCounter(state, evidenceKeys.anchorTotal);
      const record: AnchorRecord = {
        hash: payload.hash,
        index,
        sequence,
        size: payload.size,
        mediaType: payload.mediaType,
        title: payload.title,
        caseNumber: payload.caseNumber,
        tags: payload.tags,
        submitter: { org: account.org, address: context.caller.address },
        height: context.block.height,
        time: context.block.time,
      };
      state.set(evidenceKeys.anchor(payload.hash, index), asCbor(record));
      state.set(evidenceKeys.anchorCount(payload.hash), index + 1);
      state.set(evidenceKeys.anchorSequence(sequence), asCbor({ hash: payload.hash, index } satisfies AnchorPointer));
      state.set(evidenceKeys.anchorTotal, sequence + 1);
      const submitter = context.caller.address;
      appendEntry(state, evidenceKeys.submitterCount(submitter), (position) => evidenceKeys.submitterEntry(submitter, position), asCbor({ hash: payload.hash, index }));
      if (payload.caseNumber !== "") {
        const digest = caseDigest(suite, payload.caseNumber);
        appendEntry(state, evidenceKeys.caseCount(digest), (position) => evidenceKeys.caseEntry(digest, position), asCbor({ kind: "anchor", hash: payload.hash, index } satisfies CaseEntry));
      }
      // The organisation is in the event so that an offline verifier finds it in the receipt's result.
      context.emit("anchored", { hash: payload.hash, index, org: account.org, submitter, caseNumber: payload.caseNumber });
    },
  });
}

function resolvePointer(state: StateRead, pointer: AnchorPointer): AnchorRecord {
  const record = readAnchor(state, pointer.hash, pointer.index);
  if (!record) throw new Error(`evidence state is inconsistent: anchor ${pointer.hash}/${pointer.index} is indexed but missing`);
  return record;
}

/** The first anchor of the chain at or after `time`: anchors are in commit order, and block times never decrease. */
function firstSequenceAtOrAfter(state: StateRead, total: number, time: number): number {
  let low = 0;
  let high = total;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const pointer = state.get(evidenceKeys.anchorSequence(middle)) as unknown as AnchorPointer;
    if (resolvePointer(state, pointer).time < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

export const anchorQueries: { readonly [name: string]: QueryDefinition } = {
  anchors: defineQuery({
    description: "Every anchoring of a content hash, the first-seen one first; 404 when the hash was never anchored.",
    parameters: Type.Object({ hash: hashHex, ...pageParameters }, { additionalProperties: false }),
    run: (state, query) => {
      const page = readPage<AnchorRecord>(state, evidenceKeys.anchorCount(query.hash), (index) => evidenceKeys.anchor(query.hash, index), query, evidenceModuleLimits.listPageMax);
      if (page.total === 0) return null;
      const first = readAnchor(state, query.hash, 0) as AnchorRecord;
      return { hash: query.hash, firstSeen: { height: first.height, time: first.time }, total: page.total, start: page.start, anchors: page.entries, next: page.next };
    },
  }),
  anchors_by_submitter: defineQuery({
    description: "Anchors signed by one account, oldest first.",
    parameters: Type.Object({ address, ...pageParameters }, { additionalProperties: false }),
    run: (state, query) => {
      const page: Page<AnchorPointer> = readPage(state, evidenceKeys.submitterCount(query.address), (position) => evidenceKeys.submitterEntry(query.address, position), query, evidenceModuleLimits.listPageMax);
      return { address: query.address, total: page.total, start: page.start, anchors: page.entries.map((pointer) => resolvePointer(state, pointer)), next: page.next };
    },
  }),
  anchors_by_time: defineQuery({
    description: "Anchors committed in blocks whose time lies in [from, to] (milliseconds since the Unix epoch), oldest first; pass the answer's next as start for the following page.",
    parameters: Type.Object(
      { from: digits("earliest block time, ms"), to: digits("latest block time, ms"), start: Type.Optional(digits("cursor: the next of the previous page")), limit: pageParameters.limit },
      { additionalProperties: false },
    ),
    run: (state, query) => {
      const from = Number(query.from);
      const to = Number(query.to);
      if (from > to) throw fieldError("from", `(${from}) must not be after to (${to})`);
      const limit = Math.min(Number(query.limit ?? String(evidenceModuleLimits.listPageMax)), evidenceModuleLimits.listPageMax);
      const total = readCounter(state, evidenceKeys.anchorTotal);
      let sequence = Math.max(firstSequenceAtOrAfter(state, total, from), Number(query.start ?? "0"));
      const anchors: AnchorRecord[] = [];
      let next: number | null = null;
      for (; sequence < total; sequence++) {
        const record = resolvePointer(state, state.get(evidenceKeys.anchorSequence(sequence)) as unknown as AnchorPointer);
        if (record.time > to) break;
        if (anchors.length === limit) {
          next = sequence;
          break;
        }
        anchors.push(record);
      }
      return { from, to, anchors, next };
    },
  }),
};

import { type CryptoSuite, toHex, utf8 } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import {
  type DerivedIndexWrite,
  type QueryDefinition,
  type ReadContext,
  type StateRead,
  type TxTypeDefinition,
  defineQuery,
  defineTxType,
} from "../../execution/interface.ts";
import { type Account, requireRegistered } from "../identity/index.ts";
import { EvidenceModuleError, fieldError } from "./errors.ts";
import { digits, hashHex, address, requireCaseNumber, requireMediaType, requireTags, requireText } from "./fields.ts";
import { evidenceIndexKeys, evidenceKeys } from "./keys.ts";
import { evidenceModuleLimits } from "./limits.ts";
import { type PagedList, countedPagedList, listPageEntries, positionedPagedList, readCounter } from "../../execution/pagedList.ts";
import { type Page, pageOf, pageParameters, readPagedList } from "./pagination.ts";
import { type AnchorRecord, type CaseEntry, anchorList, anchorSequences, anchorsBySequence, storedAnchor } from "./records.ts";

/** Digests of recent case numbers: a busy case is filed under many times, and hashing is the costlier part of filing. */
const caseDigests = new Map<string, string>();
const caseDigestsCachedMax = 4_096;

/** The key under which a case number's entries are listed: its hash, since case numbers are free text. */
export function caseDigest(suite: CryptoSuite, caseNumber: string): string {
  const cacheKey = `${suite.id}:${caseNumber}`;
  const cached = caseDigests.get(cacheKey);
  if (cached !== undefined) return cached;
  const digest = toHex(suite.hash(utf8(caseNumber)));
  if (caseDigests.size >= caseDigestsCachedMax) caseDigests.clear();
  caseDigests.set(cacheKey, digest);
  return digest;
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

/**
 * The signer's account as authorise read it. The executor runs authorise and then execute on one
 * context, against the same state, so execute takes the account from here instead of reading and
 * decoding it a second time; anchors are the module's most frequent transaction.
 */
const authorisedAccounts = new WeakMap<ReadContext, Account>();

export function createAnchorTxType(suite: CryptoSuite): TxTypeDefinition {
  return defineTxType({
    description: "Anchors the hash of a file hashed on the client, with its size, media type, title, case number and tags; the same hash may be anchored again.",
    schema: anchorPayload,
    costUnits: 10,
    authorise: (context, payload) => {
      authorisedAccounts.set(context, requireRegistered(context));
      requireMediaType(payload.mediaType);
      requireText("title", payload.title, evidenceModuleLimits.titleLengthMax, true);
      requireCaseNumber(payload.caseNumber);
      requireTags(payload.tags);
    },
    execute: (context, payload) => {
      const account = authorisedAccounts.get(context) ?? requireRegistered(context);
      const { state, index } = context;
      const sequences = anchorSequences(state, payload.hash);
      const anchorIndex = sequences.length;
      if (anchorIndex >= evidenceModuleLimits.anchorsPerHashMax) {
        throw new EvidenceModuleError(
          { code: "EVIDENCE_TOO_MANY_ANCHORS", hash: payload.hash, limit: evidenceModuleLimits.anchorsPerHashMax },
          `hash ${payload.hash} has been anchored ${anchorIndex} times, the most allowed; its earlier anchors already prove it`,
        );
      }
      const sequence = readCounter(state, evidenceKeys.anchorTotal);
      state.set(evidenceKeys.anchorTotal, sequence + 1);
      state.set(evidenceKeys.anchorSequences(payload.hash), [...sequences, sequence]);
      // Everything else about the anchor is in its transaction; the record and the lists are derived.
      const submitter = context.caller.address;
      const record: AnchorRecord = {
        hash: payload.hash,
        index: anchorIndex,
        sequence,
        size: payload.size,
        mediaType: payload.mediaType,
        title: payload.title,
        caseNumber: payload.caseNumber,
        tags: payload.tags,
        submitter: { org: account.org, address: submitter },
        height: context.block.height,
        time: context.block.time,
        txHash: context.tx.hash,
      };
      index.append(anchorListAppends, [sequence, storedAnchor(record)]);
      index.append(countedPagedList(evidenceIndexKeys.submitterCount(submitter), submitterList(submitter)), sequence);
      if (payload.caseNumber !== "") appendToCase(index, caseDigest(suite, payload.caseNumber), sequence satisfies CaseEntry);
      // The organisation is in the event so that an offline verifier finds it in the receipt's result.
      context.emit("anchored", { hash: payload.hash, index: anchorIndex, org: account.org, submitter, caseNumber: payload.caseNumber });
    },
  });
}

/** Anchors reach the list of all anchors at their sequence, which state counts. */
const anchorListAppends = positionedPagedList("anchor_page", anchorList);
const submitterList = (address: string): PagedList => ({ pageEntries: listPageEntries, pageKey: (page) => evidenceIndexKeys.submitterPage(address, page) });
const caseList = (digest: string): PagedList => ({ pageEntries: listPageEntries, pageKey: (page) => evidenceIndexKeys.casePage(digest, page) });

/** Files an entry under a case (by the case number's digest) in the derived index, when the block is done. */
export function appendToCase(index: DerivedIndexWrite, digest: string, entry: CaseEntry): void {
  index.append(countedPagedList(evidenceIndexKeys.caseCount(digest), caseList(digest)), entry);
}

/** A case's entries: anchors by sequence, sessions by id. */
export function readCaseEntries(index: StateRead, digest: string, parameters: { readonly start?: string; readonly limit?: string }): Page<CaseEntry> {
  return readPagedList<CaseEntry>(index, evidenceIndexKeys.caseCount(digest), caseList(digest), parameters, evidenceModuleLimits.listPageMax);
}

/** The first anchor of the chain at or after `time`: anchors are in commit order, and block times never decrease. */
function firstSequenceAtOrAfter(anchorAt: (sequence: number) => AnchorRecord, total: number, time: number): number {
  let low = 0;
  let high = total;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (anchorAt(middle).time < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

export const anchorQueries: { readonly [name: string]: QueryDefinition } = {
  anchors: defineQuery({
    description: "Every anchoring of a content hash, the first-seen one first; 404 when the hash was never anchored.",
    parameters: Type.Object({ hash: hashHex, ...pageParameters }, { additionalProperties: false }),
    run: (state, query, _readModule, _blocks, index) => {
      const sequences = anchorSequences(state, query.hash);
      if (sequences.length === 0) return null;
      const anchorAt = anchorsBySequence(index);
      const page = pageOf(sequences.length, query, evidenceModuleLimits.listPageMax, (anchorIndex) => anchorAt(sequences[anchorIndex] as number));
      const first = anchorAt(sequences[0] as number);
      return { hash: query.hash, firstSeen: { height: first.height, time: first.time }, total: page.total, start: page.start, anchors: page.entries, next: page.next };
    },
  }),
  anchors_by_submitter: defineQuery({
    description: "Anchors signed by one account, oldest first.",
    parameters: Type.Object({ address, ...pageParameters }, { additionalProperties: false }),
    run: (_state, query, _readModule, _blocks, index) => {
      const page = readPagedList<number>(index, evidenceIndexKeys.submitterCount(query.address), submitterList(query.address), query, evidenceModuleLimits.listPageMax);
      const anchorAt = anchorsBySequence(index);
      return { address: query.address, total: page.total, start: page.start, anchors: page.entries.map(anchorAt), next: page.next };
    },
  }),
  anchors_by_time: defineQuery({
    description: "Anchors committed in blocks whose time lies in [from, to] (milliseconds since the Unix epoch), oldest first; pass the answer's next as start for the following page.",
    parameters: Type.Object(
      { from: digits("earliest block time, ms"), to: digits("latest block time, ms"), start: Type.Optional(digits("cursor: the next of the previous page")), limit: pageParameters.limit },
      { additionalProperties: false },
    ),
    run: (state, query, _readModule, _blocks, index) => {
      const from = Number(query.from);
      const to = Number(query.to);
      if (from > to) throw fieldError("from", `(${from}) must not be after to (${to})`);
      const limit = Math.min(Number(query.limit ?? String(evidenceModuleLimits.listPageMax)), evidenceModuleLimits.listPageMax);
      const total = readCounter(state, evidenceKeys.anchorTotal);
      const anchorAt = anchorsBySequence(index);
      let sequence = Math.max(firstSequenceAtOrAfter(anchorAt, total, from), Number(query.start ?? "0"));
      const anchors: AnchorRecord[] = [];
      let next: number | null = null;
      for (; sequence < total; sequence++) {
        const record = anchorAt(sequence);
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

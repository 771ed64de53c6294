import { type CryptoSuite, type LinkedChunkRecord, fromHex, sessionAnchor, toHex, validateChunkBatch } from "@kexin/core";
import { type Static, Type } from "@sinclair/typebox";
import { notAuthorised } from "../../execution/errors.ts";
import { type ReadContext, type TxTypeDefinition, defineTxType } from "../../execution/interface.ts";
import { type Account, identityModuleName, readAccount, requireRegistered } from "../identity/index.ts";
import { appendToCase, caseDigest } from "./anchor.ts";
import { EvidenceModuleError } from "./errors.ts";
import { address, hashHex, millisecondsSinceEpoch, requireCaseNumber, sessionId } from "./fields.ts";
import { evidenceKeys } from "./keys.ts";
import { evidenceModuleLimits } from "./limits.ts";
import { appendEntry } from "./pagination.ts";
import { type CaseEntry, type SessionRecord, type StoredChunk, asCbor, readSession } from "./records.ts";

/** Cost units per recorded chunk, on top of the transaction's base cost: one state write and one hash each. */
const costUnitsPerChunk = 2;

const chunkRecord = Type.Object(
  {
    sequence: Type.Integer({ minimum: 0 }),
    chunkHash: hashHex,
    deviceTimeMs: millisecondsSinceEpoch,
    latitudeMicrodegrees: Type.Optional(Type.Integer()),
    longitudeMicrodegrees: Type.Optional(Type.Integer()),
    batteryPercent: Type.Optional(Type.Integer()),
    link: hashHex,
  },
  { additionalProperties: false },
);

export const openSessionPayload = Type.Object(
  { sessionId, operator: address, caseNumber: Type.String({ maxLength: evidenceModuleLimits.caseNumberLengthMax }), startTimeMs: millisecondsSinceEpoch },
  { additionalProperties: false },
);
export const appendChunksPayload = Type.Object(
  { sessionId, chunks: Type.Array(chunkRecord, { minItems: 1, maxItems: evidenceModuleLimits.chunksPerTxMax }) },
  { additionalProperties: false },
);
export const closeSessionPayload = Type.Object(
  { sessionId, endTimeMs: millisecondsSinceEpoch, chunkCount: Type.Integer({ minimum: 0 }), lastLink: hashHex },
  { additionalProperties: false },
);

function requireDevice(context: ReadContext): Account {
  const account = requireRegistered(context);
  if (account.kind !== "device") throw notAuthorised(context.caller.address, "device", `signer ${context.caller.address} is not a registered device; only device keys record sessions`);
  return account;
}

/** Once a session exists, only its own device may extend it. */
function requireSessionDevice(context: ReadContext, session: SessionRecord | undefined): void {
  if (session && session.device !== context.caller.address) {
    throw notAuthorised(context.caller.address, `device of session ${session.sessionId}`, `session "${session.sessionId}" is recorded by device ${session.device}, not ${context.caller.address}`);
  }
}

function requireOpenSession(session: SessionRecord | undefined, id: string): SessionRecord {
  if (!session) throw new EvidenceModuleError({ code: "EVIDENCE_UNKNOWN_SESSION", sessionId: id }, `no session "${id}"; open it first`);
  if (session.status !== "open") throw new EvidenceModuleError({ code: "EVIDENCE_SESSION_CLOSED", sessionId: id }, `session "${id}" is closed; start a new session`);
  return session;
}

/** The operator (the officer wearing the camera) is an active account of the device's own organisation. */
function requireOperator(context: ReadContext, operator: string, org: string): void {
  const account = readAccount(context.readModule(identityModuleName), operator);
  if (!account || !account.active || account.org !== org || account.kind === "device") {
    throw new EvidenceModuleError(
      { code: "EVIDENCE_UNKNOWN_OPERATOR", operator, org },
      `operator ${operator} is not an active member or admin of organisation "${org}", the device's organisation`,
    );
  }
}

/** The payload's JSON form of a record as core's stream functions take it: hashes as bytes, absent fields absent. */
function linkedRecordOf(chunk: Static<typeof appendChunksPayload>["chunks"][number]): LinkedChunkRecord {
  return {
    sequence: chunk.sequence,
    chunkHash: fromHex(chunk.chunkHash),
    deviceTimeMs: chunk.deviceTimeMs,
    ...(chunk.latitudeMicrodegrees === undefined ? {} : { latitudeMicrodegrees: chunk.latitudeMicrodegrees }),
    ...(chunk.longitudeMicrodegrees === undefined ? {} : { longitudeMicrodegrees: chunk.longitudeMicrodegrees }),
    ...(chunk.batteryPercent === undefined ? {} : { batteryPercent: chunk.batteryPercent }),
    link: fromHex(chunk.link),
  };
}

function storedChunkOf(record: LinkedChunkRecord, height: number): StoredChunk {
  const { link: _link, sequence: _sequence, ...fields } = record;
  return { ...fields, height };
}

export function createSessionTxTypes(suite: CryptoSuite): { readonly [type: string]: TxTypeDefinition } {
  const openSession = defineTxType({
    description: "A registered device opens a recording session for an operator of its organisation and, optionally, a case.",
    schema: openSessionPayload,
    costUnits: 10,
    authorise: (context, payload) => {
      const device = requireDevice(context);
      requireCaseNumber(payload.caseNumber);
      requireOperator(context, payload.operator, device.org);
    },
    execute: (context, payload) => {
      const device = requireDevice(context);
      const { state } = context;
      if (readSession(state, payload.sessionId)) {
        throw new EvidenceModuleError({ code: "EVIDENCE_SESSION_EXISTS", sessionId: payload.sessionId }, `session "${payload.sessionId}" already exists; choose another session id`);
      }
      const session: SessionRecord = {
        sessionId: payload.sessionId,
        device: context.caller.address,
        org: device.org,
        operator: payload.operator,
        caseNumber: payload.caseNumber,
        startTimeMs: payload.startTimeMs,
        status: "open",
        chunkCount: 0,
        lastLink: toHex(sessionAnchor(suite, payload.sessionId)),
        openedHeight: context.block.height,
        openedTime: context.block.time,
      };
      state.set(evidenceKeys.session(payload.sessionId), asCbor(session));
      const deviceAddress = context.caller.address;
      appendEntry(state, evidenceKeys.deviceSessionCount(deviceAddress), (position) => evidenceKeys.deviceSession(deviceAddress, position), payload.sessionId);
      if (payload.caseNumber !== "") appendToCase(context.index, caseDigest(suite, payload.caseNumber), payload.sessionId satisfies CaseEntry);
      context.emit("session_opened", { sessionId: payload.sessionId, device: deviceAddress, operator: payload.operator, caseNumber: payload.caseNumber });
    },
  });

  const appendChunks = defineTxType({
    description: `The session's device records up to ${evidenceModuleLimits.chunksPerTxMax} chunks, each linked to the previous one (docs/evidence.md).`,
    schema: appendChunksPayload,
    costUnits: 10,
    authorise: (context, payload) => {
      requireDevice(context);
      requireSessionDevice(context, readSession(context.state, payload.sessionId));
    },
    execute: (context, payload) => {
      const { state } = context;
      const session = requireOpenSession(readSession(state, payload.sessionId), payload.sessionId);
      context.charge(payload.chunks.length * costUnitsPerChunk);
      const records = payload.chunks.map(linkedRecordOf);
      // Throws core's EVIDENCE_CHUNK_* error at the first bad record, so a batch is taken whole or not at all.
      const tip = validateChunkBatch(suite, payload.sessionId, session.chunkCount, fromHex(session.lastLink), records);
      for (const record of records) state.set(evidenceKeys.chunk(payload.sessionId, record.sequence), asCbor(storedChunkOf(record, context.block.height)));
      const lastLink = toHex(tip.lastLink);
      state.set(evidenceKeys.session(payload.sessionId), asCbor({ ...session, chunkCount: tip.nextSequence, lastLink } satisfies SessionRecord));
      context.emit("chunks_appended", { sessionId: payload.sessionId, from: session.chunkCount, count: records.length, chunkCount: tip.nextSequence, lastLink });
    },
  });

  const closeSession = defineTxType({
    description: "The session's device, or an admin of its organisation, closes it, confirming the chunk count and last link.",
    schema: closeSessionPayload,
    costUnits: 10,
    authorise: (context, payload) => {
      const account = requireRegistered(context);
      const session = readSession(context.state, payload.sessionId);
      const isOrganisationAdmin = account.kind === "admin" && session !== undefined && account.org === session.org;
      if (!isOrganisationAdmin) {
        requireDevice(context);
        requireSessionDevice(context, session);
      }
    },
    execute: (context, payload) => {
      const { state } = context;
      const session = requireOpenSession(readSession(state, payload.sessionId), payload.sessionId);
      const mismatch = (field: string, expected: string, got: string): never => {
        throw new EvidenceModuleError(
          { code: "EVIDENCE_SESSION_MISMATCH", sessionId: payload.sessionId, field, expected, got },
          `session "${payload.sessionId}" has ${field} ${expected} on chain, but closing it says ${got}: a batch is missing or was refused; read the session and resend`,
        );
      };
      if (payload.chunkCount !== session.chunkCount) mismatch("chunkCount", String(session.chunkCount), String(payload.chunkCount));
      if (payload.lastLink !== session.lastLink) mismatch("lastLink", session.lastLink, payload.lastLink);
      const closed: SessionRecord = { ...session, status: "closed", closedHeight: context.block.height, closedTime: context.block.time, endTimeMs: payload.endTimeMs };
      state.set(evidenceKeys.session(payload.sessionId), asCbor(closed));
      context.emit("session_closed", { sessionId: payload.sessionId, chunkCount: session.chunkCount, lastLink: session.lastLink });
    },
  });

  return { open_session: openSession, append_chunks: appendChunks, close_session: closeSession };
}

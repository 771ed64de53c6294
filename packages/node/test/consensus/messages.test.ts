import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CborValue, KexinError, VoteType, decodeCanonical, encodeCanonical, voteSigningBytes } from "@kexin/core";
import {
  type MessageLimits,
  type WireMessage,
  ConsensusMessageError,
  decodeConsensusMessage,
  encodeConsensusMessage,
  proposalSigningBytes,
} from "../../src/consensus/index.ts";

const limits: MessageLimits = { messageBytesMax: 4_096, syncBlocksMax: 3, blockTxsMax: 3 };
const bytes = (length: number, fill = 1): Uint8Array => new Uint8Array(length).fill(fill);

const proposalMessage: WireMessage = { type: "proposal", height: 7, round: 2, validRound: 1, header: bytes(100, 0xab), txHashes: bytes(64, 0xcd), signature: bytes(64, 2) };
const prevoteMessage: WireMessage = { type: "vote", kind: "prevote", height: 7, round: 2, blockHash: bytes(32, 3), validator: bytes(32, 4), signature: bytes(64, 5) };
const precommitNilMessage: WireMessage = { type: "vote", kind: "precommit", height: 7, round: 0, blockHash: null, validator: bytes(33, 6), signature: bytes(64, 7) };
const statusMessage: WireMessage = { type: "status", height: 12, round: 3 };
const syncRequestMessage: WireMessage = { type: "syncRequest", fromHeight: 5, count: 3 };
const txsRequestMessage: WireMessage = { type: "txsRequest", height: 7, txHashes: bytes(96, 0xcd) };
const txsResponseMessage: WireMessage = { type: "txsResponse", height: 7, txs: [bytes(120, 12), bytes(3, 13)] };
const syncResponseMessage: WireMessage = {
  type: "syncResponse",
  blocks: [
    { block: bytes(40, 8), commit: bytes(90, 9) },
    { block: bytes(41, 10), commit: bytes(91, 11) },
  ],
};

/** The plain CBOR map of each message type, as it travels. */
const wireMaps: Record<string, Record<string, CborValue>> = {
  proposal: { type: "proposal", height: 7, round: 2, validRound: 1, header: bytes(100, 0xab), txHashes: bytes(64, 0xcd), signature: bytes(64, 2) },
  vote: { type: "vote", kind: VoteType.prevote, height: 7, round: 2, blockHash: bytes(32, 3), validator: bytes(32, 4), signature: bytes(64, 5) },
  status: { type: "status", height: 12, round: 3 },
  syncRequest: { type: "syncRequest", fromHeight: 5, count: 3 },
  syncResponse: { type: "syncResponse", blocks: [{ block: bytes(40, 8), commit: bytes(90, 9) }] },
  txsRequest: { type: "txsRequest", height: 7, txHashes: bytes(96, 0xcd) },
  txsResponse: { type: "txsResponse", height: 7, txs: [bytes(120, 12)] },
};

/** Decodes and returns the error the decoder throws; fails if it does not throw a KexinError. */
function rejection(encoded: Uint8Array): KexinError {
  try {
    decodeConsensusMessage(encoded, limits);
  } catch (error) {
    assert.ok(error instanceof KexinError, `expected a KexinError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the message to be refused");
}

function assertInvalid(value: CborValue, reason: RegExp, label: string): void {
  const error = rejection(encodeCanonical(value));
  assert.ok(error instanceof ConsensusMessageError, `${label}: expected a ConsensusMessageError, got ${error.name} (${error.message})`);
  assert.equal(error.code, "CONSENSUS_MESSAGE_INVALID", `${label}: code`);
  assert.match(error.type.reason, reason, `${label}: reason`);
}

describe("round trip", () => {
  const messages: [string, WireMessage][] = [
    ["proposal", proposalMessage],
    ["proposal with validRound -1", { ...proposalMessage, round: 0, validRound: -1 }],
    ["prevote", prevoteMessage],
    ["precommit for nil", precommitNilMessage],
    ["status", statusMessage],
    ["syncRequest", syncRequestMessage],
    ["syncResponse", syncResponseMessage],
    ["empty syncResponse", { type: "syncResponse", blocks: [] }],
    ["proposal of an empty block", { ...proposalMessage, txHashes: new Uint8Array(0) }],
    ["txsRequest", txsRequestMessage],
    ["txsResponse", txsResponseMessage],
    ["empty txsResponse", { type: "txsResponse", height: 7, txs: [] }],
  ];
  for (const [label, message] of messages) {
    test(`default: ${label} decodes to what was encoded`, () => {
      const encoded = encodeConsensusMessage(message);
      assert.deepEqual(decodeConsensusMessage(encoded, limits), message, `${label} survives the round trip`);
      assert.deepEqual(encodeConsensusMessage(decodeConsensusMessage(encoded, limits)), encoded, `${label} re-encodes to the same bytes`);
    });
  }

  test("default: each message is a canonical CBOR map; vote kinds travel as 1 (prevote) and 2 (precommit)", () => {
    assert.deepEqual(decodeCanonical(encodeConsensusMessage(proposalMessage)), wireMaps.proposal, "proposal map");
    assert.deepEqual(decodeCanonical(encodeConsensusMessage(prevoteMessage)), wireMaps.vote, "prevote map, kind 1");
    assert.equal((decodeCanonical(encodeConsensusMessage(precommitNilMessage)) as Record<string, CborValue>).kind, VoteType.precommit, "precommit kind 2");
    assert.equal((decodeCanonical(encodeConsensusMessage(precommitNilMessage)) as Record<string, CborValue>).blockHash, null, "nil is a null blockHash");
    assert.deepEqual(decodeCanonical(encodeConsensusMessage(statusMessage)), wireMaps.status, "status map");
    assert.deepEqual(decodeCanonical(encodeConsensusMessage(syncRequestMessage)), wireMaps.syncRequest, "syncRequest map");
    assert.deepEqual(decodeCanonical(encodeConsensusMessage(txsRequestMessage)), wireMaps.txsRequest, "txsRequest map");
  });

  test("default: signing bytes are domain-separated arrays over chain, height, round and block hash", () => {
    const hash = bytes(32, 3);
    assert.deepEqual(
      decodeCanonical(proposalSigningBytes("kexin-dev", 7, 2, 1, hash)),
      ["kexin/proposal/1", { chainId: "kexin-dev", height: 7, round: 2, validRound: 1, blockHash: hash }],
      "proposal signing bytes",
    );
    assert.deepEqual(
      decodeCanonical(voteSigningBytes({ chainId: "kexin-dev", height: 7, round: 2, type: VoteType.prevote, blockHash: null })),
      ["kexin/vote/1", { chainId: "kexin-dev", height: 7, round: 2, type: 1, blockHash: null }],
      "vote signing bytes, nil",
    );
    const signed = (type: VoteType, blockHash: Uint8Array | null): string =>
      Buffer.from(voteSigningBytes({ chainId: "kexin-dev", height: 7, round: 2, type, blockHash })).toString("hex");
    const variants = new Set([signed(VoteType.prevote, hash), signed(VoteType.precommit, hash), signed(VoteType.prevote, null), signed(VoteType.precommit, null)]);
    assert.equal(variants.size, 4, "prevote and precommit, value and nil, all sign different bytes");
  });
});

describe("rejections", () => {
  test("error: unknown or missing type, and values that are not maps", () => {
    assertInvalid({ type: "ping" }, /unknown type "ping"/, "unknown type");
    assertInvalid({ type: 1, height: 1 }, /unknown type 1/, "numeric type");
    assertInvalid({ height: 1, round: 0 }, /unknown type/, "no type");
    for (const value of [[1, 2], "vote", 5, null, bytes(3)] as CborValue[]) assertInvalid(value, /not a map/, `not a map: ${String(value)}`);
  });

  test("error: a missing field, for every field of every type", () => {
    for (const [type, map] of Object.entries(wireMaps)) {
      for (const field of Object.keys(map).filter((key) => key !== "type")) {
        const { [field]: _removed, ...rest } = map;
        assertInvalid(rest, new RegExp(`missing field "${field}"`), `${type} without ${field}`);
      }
    }
    assertInvalid({ type: "syncResponse", blocks: [{ block: bytes(4) }] }, /missing field "commit"/, "sync entry without commit");
  });

  test("error: an extra field, for every type", () => {
    for (const [type, map] of Object.entries(wireMaps)) assertInvalid({ ...map, extra: 1 }, /unknown field "extra"/, `${type} with an extra field`);
    assertInvalid({ type: "syncResponse", blocks: [{ block: bytes(4), commit: bytes(4), round: 0 }] }, /unknown field "round"/, "sync entry with an extra field");
  });

  test("error: vote kinds other than 1 and 2", () => {
    for (const kind of [0, 3, -1, "prevote", null, bytes(1)] as CborValue[]) {
      assertInvalid({ ...wireMaps.vote, kind }, /kind must be/, `kind ${String(kind)}`);
    }
  });

  test("error: fields of the wrong type or out of range", () => {
    const cases: [string, Record<string, CborValue>, RegExp][] = [
      ["proposal height 0", { ...wireMaps.proposal, height: 0 }, /height must be an integer ≥ 1/],
      ["proposal height as text", { ...wireMaps.proposal, height: "7" }, /height must be an integer/],
      ["proposal round -1", { ...wireMaps.proposal, round: -1 }, /round must be an integer ≥ 0/],
      ["proposal validRound -2", { ...wireMaps.proposal, validRound: -2 }, /validRound must be an integer ≥ -1/],
      ["proposal height beyond safe integers", { ...wireMaps.proposal, height: 2n ** 60n }, /height must be an integer/],
      ["proposal header as text", { ...wireMaps.proposal, header: "header" }, /header must be a byte string/],
      ["proposal header over 1024 bytes", { ...wireMaps.proposal, header: bytes(1025) }, /header must be a byte string of at most 1024 bytes/],
      ["proposal txHashes as an array", { ...wireMaps.proposal, txHashes: [bytes(32)] }, /txHashes must be a byte string/],
      ["proposal txHashes not whole hashes", { ...wireMaps.proposal, txHashes: bytes(33) }, /txHashes must be whole 32-byte hashes/],
      ["txsRequest height 0", { ...wireMaps.txsRequest, height: 0 }, /height must be an integer ≥ 1/],
      ["txsRequest txHashes not whole hashes", { ...wireMaps.txsRequest, txHashes: bytes(31) }, /txHashes must be whole 32-byte hashes/],
      ["txsResponse txs as bytes", { ...wireMaps.txsResponse, txs: bytes(4) }, /txs must be an array/],
      ["txsResponse tx as text", { ...wireMaps.txsResponse, txs: [bytes(4), "tx"] }, /txs\[1\] must be a byte string/],
      ["proposal signature of 129 bytes", { ...wireMaps.proposal, signature: bytes(129) }, /signature must be a byte string of at most 128 bytes/],
      ["vote blockHash of 65 bytes", { ...wireMaps.vote, blockHash: bytes(65) }, /blockHash must be a byte string of at most 64 bytes/],
      ["vote blockHash as text", { ...wireMaps.vote, blockHash: "00" }, /blockHash must be a byte string/],
      ["vote validator of 129 bytes", { ...wireMaps.vote, validator: bytes(129) }, /validator must be a byte string of at most 128 bytes/],
      ["vote round as text", { ...wireMaps.vote, round: "2" }, /round must be an integer/],
      ["status round -1", { ...wireMaps.status, round: -1 }, /round must be an integer ≥ 0/],
      ["syncRequest fromHeight 0", { ...wireMaps.syncRequest, fromHeight: 0 }, /fromHeight must be an integer ≥ 1/],
      ["syncRequest count 0", { ...wireMaps.syncRequest, count: 0 }, /count must be an integer ≥ 1/],
      ["syncResponse blocks as a map", { type: "syncResponse", blocks: { block: bytes(1) } }, /blocks must be an array/],
      ["syncResponse entry not a map", { type: "syncResponse", blocks: [bytes(1)] }, /not a map/],
      ["syncResponse commit as text", { type: "syncResponse", blocks: [{ block: bytes(1), commit: "c" }] }, /commit must be a byte string/],
    ];
    for (const [label, value, reason] of cases) assertInvalid(value, reason, label);
  });

  test("error: a syncRequest for more blocks, or a syncResponse with more blocks, than syncBlocksMax", () => {
    assertInvalid({ ...wireMaps.syncRequest, count: limits.syncBlocksMax + 1 }, /count must be at most 3/, "count over the limit");
    const entry = { block: bytes(1), commit: bytes(1) };
    assertInvalid({ type: "syncResponse", blocks: Array.from({ length: limits.syncBlocksMax + 1 }, () => entry) }, /blocks must be an array of at most 3 entries/, "too many blocks");
    assert.deepEqual(
      decodeConsensusMessage(encodeCanonical({ ...wireMaps.syncRequest, count: limits.syncBlocksMax }), limits),
      { type: "syncRequest", fromHeight: 5, count: 3 },
      "count at the limit is accepted",
    );
  });

  test("error: a proposal naming, or a txsRequest or txsResponse carrying, more transactions than blockTxsMax", () => {
    assertInvalid({ ...wireMaps.proposal, txHashes: bytes(32 * (limits.blockTxsMax + 1)) }, /txHashes must be a byte string of at most 96 bytes/, "proposal naming 4");
    assertInvalid({ ...wireMaps.txsRequest, txHashes: bytes(32 * (limits.blockTxsMax + 1)) }, /txHashes must be a byte string of at most 96 bytes/, "txsRequest for 4");
    assertInvalid({ ...wireMaps.txsResponse, txs: Array.from({ length: limits.blockTxsMax + 1 }, () => bytes(2)) }, /txs must be an array of at most 3 entries/, "txsResponse with 4");
    const atLimit = { ...proposalMessage, txHashes: bytes(32 * limits.blockTxsMax) };
    assert.deepEqual(decodeConsensusMessage(encodeConsensusMessage(atLimit), limits), atLimit, "a proposal naming blockTxsMax transactions is accepted");
  });

  test("error: oversized, malformed and non-canonical bytes are refused with CONSENSUS_MESSAGE_INVALID", () => {
    const oversized = encodeConsensusMessage({ ...txsResponseMessage, txs: [bytes(limits.messageBytesMax)] });
    assert.ok(oversized.length > limits.messageBytesMax, "the message is over the limit");
    const valid = encodeConsensusMessage(statusMessage);
    const cases: [string, Uint8Array, RegExp][] = [
      ["over messageBytesMax", oversized, /more than the limit of 4096/],
      ["map keys out of canonical order", unsortedStatus(), /canonical/],
      ["an integer in a longer form than needed", longFormHeightStatus(), /malformed CBOR/],
      ["trailing bytes", Uint8Array.of(...valid, 0x00), /malformed CBOR/],
      ["truncated", valid.subarray(0, valid.length - 1), /malformed CBOR/],
      ["empty", new Uint8Array(0), /malformed CBOR/],
    ];
    for (const [label, encoded, reason] of cases) {
      const error = rejection(encoded);
      assert.ok(error instanceof ConsensusMessageError, `${label}: expected a ConsensusMessageError, got ${error.name} (${error.message})`);
      assert.equal(error.code, "CONSENSUS_MESSAGE_INVALID", `${label}: code`);
      assert.match(error.type.reason, reason, `${label}: reason`);
    }
    assert.deepEqual(decodeConsensusMessage(valid, limits), statusMessage, "the canonical form is accepted");
  });
});

const text = (value: string): number[] => [0x60 + value.length, ...new TextEncoder().encode(value)];

/** {type: "status", height: 1, round: 0} with its keys in the wrong order: height, round, type. */
function unsortedStatus(): Uint8Array {
  return Uint8Array.of(0xa3, ...text("height"), 0x01, ...text("round"), 0x00, ...text("type"), ...text("status"));
}

/** The same status map in canonical key order, but height 1 written as 0x18 0x01 instead of 0x01. */
function longFormHeightStatus(): Uint8Array {
  return Uint8Array.of(0xa3, ...text("type"), ...text("status"), ...text("round"), 0x00, ...text("height"), 0x18, 0x01);
}

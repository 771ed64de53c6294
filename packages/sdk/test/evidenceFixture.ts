import {
  type BlockHeader,
  type CryptoSuite,
  type ReceiptJson,
  TxStatus,
  VoteType,
  addressOf,
  encodeCommit,
  encodeHeader,
  encodeTxResult,
  encodeValidators,
  headerHash,
  merkleInclusionPath,
  merkleRoot,
  signTx,
  toHex,
  utf8,
  validatorsHash,
  voteSigningBytes,
} from "@kexin/core";
import type { EvidenceProof } from "../src/evidence/index.ts";

export const fixtureChainId = "kexin-evidence-fixture";
export const blockTime = 1_718_000_000_000;

/**
 * A real evidence proof, made without a node: an evidence.anchor transaction of `content` as
 * the second of three in block 12, its result with the anchored event, and a commit by two
 * validators, all signed and hashed with core's own functions.
 */
export function buildEvidenceProof(suite: CryptoSuite, content: Uint8Array, options: { status?: number; org?: string } = {}): { proof: EvidenceProof; validatorsHash: string } {
  const validatorKeys = [suite.generatePrivateKey(), suite.generatePrivateKey()];
  const validators = validatorKeys.map((key) => ({ publicKey: suite.publicKeyOf(key), power: 5 }));
  const signerKey = suite.generatePrivateKey();
  const payload = { hash: toHex(suite.hash(content)), size: content.length, mediaType: "video/mp4", title: "执法记录 recording 7", caseNumber: "(2024)京0105刑初123号", tags: ["bodycam", "night"] };
  const txs = [0, 1, 2].map((nonce) =>
    signTx(suite, signerKey, { chainId: fixtureChainId, nonce, module: "evidence", type: "anchor", payload: nonce === 1 ? payload : { ...payload, hash: toHex(suite.hash(utf8(`other ${nonce}`))) }, expiry: 100 }),
  );
  const txBytes = txs.map((tx) => tx.bytes);
  const org = options.org ?? "police";
  const signer = addressOf(suite, suite.publicKeyOf(signerKey));
  const results = txs.map((tx, index) =>
    encodeTxResult({
      txHash: tx.hash,
      status: index === 1 && options.status !== undefined ? (options.status as 0 | 1) : TxStatus.ok,
      code: index === 1 && options.status === TxStatus.failed ? "EVIDENCE_TOO_MANY_ANCHORS" : "",
      message: "",
      events: [{ module: "evidence", type: "anchored", attributes: { hash: payload.hash, index: 0, org, submitter: signer, caseNumber: payload.caseNumber } }],
      cost: 30,
    }),
  );
  const header: BlockHeader = {
    chainId: fixtureChainId,
    height: 12,
    time: blockTime,
    prevHash: suite.hash(utf8("block 11")),
    txRoot: merkleRoot(suite.hash, txBytes),
    resultsRoot: merkleRoot(suite.hash, results),
    appHash: suite.hash(utf8("state after block 11")),
    validatorsHash: validatorsHash(suite, validators),
    proposer: validators[0]!.publicKey,
  };
  const blockHash = headerHash(suite, header);
  const vote = voteSigningBytes({ chainId: fixtureChainId, height: 12, round: 0, type: VoteType.precommit, blockHash });
  const signatures = validatorKeys.map((key, index) => ({ validator: validators[index]!.publicKey, signature: suite.sign(key, vote) }));
  const index = 1;
  const receipt: ReceiptJson = {
    format: "kexin-receipt/1",
    suite: suite.id,
    txHash: toHex(txs[index]!.hash),
    tx: toHex(txBytes[index]!),
    txIndex: index,
    txCount: txs.length,
    txProof: merkleInclusionPath(suite.hash, txBytes, index).map(toHex),
    result: toHex(results[index]!),
    resultProof: merkleInclusionPath(suite.hash, results, index).map(toHex),
    header: toHex(encodeHeader(header)),
    commit: toHex(encodeCommit({ height: 12, round: 0, blockHash, signatures })),
    validators: toHex(encodeValidators(validators)),
  };
  const proof: EvidenceProof = {
    format: "kexin-evidence-proof/1",
    suite: suite.id,
    anchor: { ...payload, submitter: { org, address: signer }, height: 12, time: blockTime, txHash: receipt.txHash },
    receipt,
  };
  return { proof, validatorsHash: toHex(header.validatorsHash) };
}

/** Flips the lowest bit of the byte at `byteIndex` of a hex string. */
export function flipHexByte(hex: string, byteIndex: number): string {
  const byte = Number.parseInt(hex.slice(byteIndex * 2, byteIndex * 2 + 2), 16) ^ 1;
  return hex.slice(0, byteIndex * 2) + byte.toString(16).padStart(2, "0") + hex.slice(byteIndex * 2 + 2);
}

import {
  type CryptoSuite,
  TxStatus,
  addressOf,
  encodeTxResult,
  signTx,
  toHex,
  utf8,
} from "@kexin/core";
import { receiptInBlock } from "../../core/test/receiptFixture.ts";
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
  const { receipt, validatorsHash: trusted } = receiptInBlock(suite, { chainId: fixtureChainId, height: 12, time: blockTime, txs, results, index: 1, validatorKeys, validators });
  const proof: EvidenceProof = {
    format: "kexin-evidence-proof/1",
    suite: suite.id,
    anchor: { ...payload, submitter: { org, address: signer }, height: 12, time: blockTime, txHash: receipt.txHash },
    receipt,
  };
  return { proof, validatorsHash: trusted };
}

/** Flips the lowest bit of the byte at `byteIndex` of a hex string. */
export function flipHexByte(hex: string, byteIndex: number): string {
  const byte = Number.parseInt(hex.slice(byteIndex * 2, byteIndex * 2 + 2), 16) ^ 1;
  return hex.slice(0, byteIndex * 2) + byte.toString(16).padStart(2, "0") + hex.slice(byteIndex * 2 + 2);
}

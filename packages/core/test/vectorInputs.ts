import { encodeCanonical } from "../src/codec.ts";
import type { CryptoSuite } from "../src/crypto/index.ts";
import { merkleInclusionPath, merkleRoot } from "../src/merkle.ts";
import {
  VoteType,
  addressOf,
  encodeCommit,
  encodeHeader,
  encodeSignedTx,
  encodeTxResult,
  encodeValidators,
  headerHash,
  txSigningBytes,
  validatorsHash,
  voteSigningBytes,
} from "../src/structures.ts";
import { toHex } from "../src/bytes.ts";
import { type BlockHeader, type ReceiptJson, type SignedTx, type TxBody, type TxResult, receiptFormat } from "../src/types.ts";

/** Fixed inputs of the published vectors: keys are bytes 0x01… and 0x02…, everything else is spelled out. */
export const signerPrivateKey = new Uint8Array(32).fill(1);
export const validatorPrivateKey = new Uint8Array(32).fill(2);

export interface IntlVectors {
  readonly signerPublicKey: string;
  readonly signerAddress: string;
  readonly txSigningBytes: string;
  readonly tx: string;
  readonly txHash: string;
  readonly result: string;
  readonly header: string;
  readonly blockHash: string;
  readonly voteSigningBytes: string;
  readonly commit: string;
  readonly validators: string;
  readonly validatorsHash: string;
  readonly receipt: ReceiptJson;
}

/** Builds every vector from the fixed inputs; the intl suite is deterministic, so the bytes never change. */
export function buildIntlVectors(suite: CryptoSuite): IntlVectors {
  const signerPublicKey = suite.publicKeyOf(signerPrivateKey);
  const validatorPublicKey = suite.publicKeyOf(validatorPrivateKey);
  const body: TxBody = {
    chainId: "kexin-vectors",
    signer: signerPublicKey,
    nonce: 0,
    module: "points",
    type: "transfer",
    payload: { to: "0000000000000000000000000000000000000001", program: "merchant", amount: 5 },
    expiry: 100,
  };
  const signingBytes = txSigningBytes(body);
  const tx: SignedTx = { ...body, signature: suite.sign(signerPrivateKey, signingBytes) };
  const txBytes = encodeSignedTx(tx);
  const txHash = suite.hash(txBytes);
  const result: TxResult = {
    txHash,
    status: 0,
    code: "",
    message: "",
    events: [{ module: "points", type: "transferred", attributes: { amount: 5 } }],
    cost: 9,
  };
  const resultBytes = encodeTxResult(result);
  const otherTx = encodeCanonical({ note: "a second leaf so the proofs are not empty" });
  const otherResult = encodeCanonical({ note: "its result" });
  const validators = [{ publicKey: validatorPublicKey, power: 10 }];
  const header: BlockHeader = {
    chainId: "kexin-vectors",
    height: 1,
    time: 1_700_000_000_000,
    prevHash: new Uint8Array(32).fill(0xaa),
    txCount: 2,
    txRoot: merkleRoot(suite.hash, [txBytes, otherTx]),
    resultsRoot: merkleRoot(suite.hash, [resultBytes, otherResult]),
    appHash: new Uint8Array(32).fill(0xbb),
    validatorsHash: validatorsHash(suite, validators),
    proposer: validatorPublicKey,
  };
  const blockHash = headerHash(suite, header);
  const vote = voteSigningBytes({ chainId: "kexin-vectors", height: 1, round: 0, type: VoteType.precommit, blockHash });
  const commit = encodeCommit({ height: 1, round: 0, blockHash, signatures: [{ validator: validatorPublicKey, signature: suite.sign(validatorPrivateKey, vote) }] });
  return {
    signerPublicKey: toHex(signerPublicKey),
    signerAddress: addressOf(suite, signerPublicKey),
    txSigningBytes: toHex(signingBytes),
    tx: toHex(txBytes),
    txHash: toHex(txHash),
    result: toHex(resultBytes),
    header: toHex(encodeHeader(header)),
    blockHash: toHex(blockHash),
    voteSigningBytes: toHex(vote),
    commit: toHex(commit),
    validators: toHex(encodeValidators(validators)),
    validatorsHash: toHex(validatorsHash(suite, validators)),
    receipt: {
      format: receiptFormat,
      suite: suite.id,
      txHash: toHex(txHash),
      tx: toHex(txBytes),
      txIndex: 0,
      txCount: 2,
      txProof: merkleInclusionPath(suite.hash, [txBytes, otherTx], 0).map(toHex),
      result: toHex(resultBytes),
      resultProof: merkleInclusionPath(suite.hash, [resultBytes, otherResult], 0).map(toHex),
      header: toHex(encodeHeader(header)),
      commit: toHex(commit),
      validators: toHex(encodeValidators(validators)),
    },
  };
}


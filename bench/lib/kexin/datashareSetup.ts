import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type CborValue,
  type CryptoSuite,
  datashareBlobUploadAuthorisation,
  datashareKeyDepositAuthorisation,
  fromHex,
  generateEncryptionKeyPair,
  keyDepositContext,
  sealRecordFields,
  signTx,
  toHex,
  wrapDataKey,
} from "@kexin/core";
import { BenchFailure } from "../errors.ts";
import { isRecord, requestJson } from "../http.ts";
import { log } from "../output.ts";
import { SeededRandom } from "../random.ts";
import type { Account, TxSigner } from "./accounts.ts";
import type { KexinApi } from "./api.ts";
import { type SetupOptions, refreshNonces, submitAll, waitCommittedOk } from "./setup.ts";

/** The owner publishes, the requesting organisation (the dev home's merchant, whose admin the bench holds) reads. */
export const datashareOwner = "bureau";
export const datashareRequester = "merchant";
export const benchDataset = "bench.certificates";
/** Credits per access: each measured access moves one credit from the requester to the owner. */
export const benchPrice = 1;
/** The requester's opening credits: enough for any --txs. */
export const requesterCredits = 10 ** 12;
const requestTimeoutMs = 30_000;

const recordSchema = JSON.stringify({
  type: "object",
  properties: { holder: { type: "string" }, address: { type: "string" }, areaSquareMetres: { type: "number" } },
  required: ["holder", "address"],
  additionalProperties: false,
});

/** Adds datashare's genesis section to a dev home before its node first starts: the requester's opening credits. */
export async function addDatashareCredits(home: string): Promise<void> {
  const path = join(home, "genesis.json");
  const genesis = JSON.parse(await readFile(path, "utf8")) as { sections?: Record<string, unknown> };
  genesis.sections = { ...genesis.sections, datashare: { credits: { [datashareRequester]: requesterCredits } } };
  await writeFile(path, `${JSON.stringify(genesis, null, 2)}\n`);
}

export interface SharedBenchRecord {
  readonly id: string;
  readonly hash: string;
  readonly size: number;
  /** The record's JSON text, which a read must decrypt to. */
  readonly text: string;
}

export interface Requester extends Account {
  readonly encryptionPrivateKey: Uint8Array;
  readonly encryptionPublicKey: string;
}

export interface DatashareBench {
  readonly records: readonly SharedBenchRecord[];
  readonly requesters: readonly Requester[];
}

/** Signs a never-submitted request body (an upload authorisation, a key deposit or release) as the SDK does. */
export function signRequest(signer: TxSigner, account: Account, authorisation: { readonly module: string; readonly type: string }, payload: CborValue): string {
  return toHex(signTx(signer.suite, account.privateKey, { chainId: signer.chainId, nonce: 0, ...authorisation, payload, expiry: 0 }).bytes);
}

/** What the SDK's shareRecord does: seal with a fresh data key, upload the ciphertext, deposit the key wrapped to the node. */
async function shareRecord(api: KexinApi, signer: TxSigner, clerk: Account, nodeKey: Uint8Array, id: string, text: string): Promise<SharedBenchRecord> {
  const suite: CryptoSuite = signer.suite;
  const { envelope, dataKey: key } = sealRecordFields(suite, id, JSON.parse(text));
  const hash = toHex(suite.hash(envelope));
  const authorisation = signRequest(signer, clerk, datashareBlobUploadAuthorisation, { hash, size: envelope.length });
  const upload = await fetch(`${api.url}/v1/datashare/blobs/${hash}`, {
    method: "PUT",
    body: Buffer.from(envelope),
    headers: { "content-type": "application/octet-stream", "x-kexin-authorisation": authorisation },
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  if (!upload.ok) throw new BenchFailure(`setup: uploading record ${id}'s ciphertext answered ${upload.status}: ${(await upload.text()).slice(0, 300)}`);
  const wrappedKey = await wrapDataKey(suite, nodeKey, key, keyDepositContext(signer.chainId, id, hash));
  const deposit = signRequest(signer, clerk, datashareKeyDepositAuthorisation, { record: id, dataset: benchDataset, hash, wrappedKey: toHex(wrappedKey) });
  await requestJson(`${api.url}/v1/datashare/keys`, { method: "POST", body: { request: deposit }, timeoutMs: requestTimeoutMs });
  return { id, hash, size: envelope.length, text };
}

async function submitAndCommit(api: KexinApi, txs: Parameters<typeof submitAll>[1], what: string, options: SetupOptions): Promise<void> {
  await submitAll(api, txs, what);
  await waitCommittedOk(
    api,
    txs.map((tx) => tx.hash),
    what,
    options,
  );
}

/**
 * Not measured: the owner's admin registers a clerk and the dataset and grants it to the
 * requesting organisation; the clerk shares `recordsCount` records (ciphertext and key on the
 * node, then publish_record); the requester's admin registers `requestersCount` members, each
 * with an encryption key.
 */
export async function setUpDatashare(
  api: KexinApi,
  signer: TxSigner,
  admins: { readonly owner: Account; readonly requester: Account },
  counts: { readonly records: number; readonly requesters: number; readonly seed: string },
  options: SetupOptions,
): Promise<DatashareBench> {
  const clerk = signer.newAccount();
  const requesters: Requester[] = Array.from({ length: counts.requesters }, () => {
    const keys = generateEncryptionKeyPair(signer.suite);
    return { ...signer.newAccount(), encryptionPrivateKey: keys.privateKey, encryptionPublicKey: toHex(keys.publicKey) };
  });
  await refreshNonces(api, [admins.owner, admins.requester]);
  const status = await api.status();
  log("setup: dataset, clerk and requesters", { requesters: requesters.length });
  await submitAndCommit(
    api,
    [
      signer.sign(admins.owner, "identity", "register_member", { org: datashareOwner, address: clerk.address, name: "bench clerk", roles: [] }),
      signer.sign(admins.owner, "datashare", "register_dataset", { id: benchDataset, title: { zh: "不动产权证书", en: "Property certificates" }, recordSchema, classification: "important", price: benchPrice }),
      ...requesters.map((requester, index) => signer.sign(admins.requester, "identity", "register_member", { org: datashareRequester, address: requester.address, name: `bench-requester-${index}`, roles: [] })),
    ],
    "datashare setup",
    options,
  );
  await submitAndCommit(
    api,
    [
      // Admission checks a grant against committed state, so it waits for the dataset.
      signer.sign(admins.owner, "datashare", "grant", { dataset: benchDataset, grantee: { kind: "organisation", id: datashareRequester }, purpose: "bench", expiresAt: status.height + 10_000_000, accessesMax: 1_000_000_000 }),
      ...requesters.map((requester) => signer.sign(requester, "datashare", "register_encryption_key", { publicKey: requester.encryptionPublicKey })),
    ],
    "grant and register_encryption_key",
    options,
  );

  const nodeKeyAnswer = await requestJson(`${api.url}/v1/datashare/node-key`, { timeoutMs: requestTimeoutMs });
  if (!isRecord(nodeKeyAnswer) || typeof nodeKeyAnswer.publicKey !== "string") throw new BenchFailure(`GET /v1/datashare/node-key answered ${JSON.stringify(nodeKeyAnswer)}`);
  const nodeKey = fromHex(nodeKeyAnswer.publicKey);
  const random = new SeededRandom(counts.seed, "kexin-datashare-records");
  log("setup: sharing records", { records: counts.records });
  const records: SharedBenchRecord[] = [];
  for (let index = 0; index < counts.records; index++) {
    // Fields in increasing order of name, the order a sealed record's fields open in, so a read compares as text.
    const value = { address: `北京市东城区景山前街${index}号`, areaSquareMetres: 40 + (index % 120), holder: `holder ${random.hex(4)}` };
    records.push(await shareRecord(api, signer, clerk, nodeKey, `bench-record-${index}`, JSON.stringify(value)));
  }
  await submitAndCommit(
    api,
    records.map((record) => signer.sign(clerk, "datashare", "publish_record", { id: record.id, dataset: benchDataset, hash: record.hash, size: record.size, subject: random.hex(32) })),
    "publish_record",
    options,
  );
  return { records, requesters };
}

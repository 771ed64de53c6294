import { type CborValue, type CryptoSuite, addressOf, getSuite, toHex } from "@kexin/core";
import { parseGenesis } from "../../src/genesis.ts";
import { type TestAccount, type TestChain, startTestChain, waitForCommitted } from "../support.ts";

export interface EvidenceChain {
  readonly chain: TestChain;
  readonly suite: CryptoSuite;
  /** Admin of the police organisation, which registers the camera. */
  readonly policeAdmin: TestAccount;
  /** A police member who wears the camera. */
  readonly officer: TestAccount;
  /** A registered device (body camera) of the police organisation. */
  readonly camera: TestAccount;
  /** A member of the notary office with the notary role. */
  readonly notary: TestAccount;
  /** A hospital clerk: registered, but neither device nor notary. */
  readonly clerk: TestAccount;
  /** Signs, submits and waits for one transaction; returns the committed answer of GET /v1/txs/:hash. */
  commit(from: TestAccount, type: string, payload: CborValue): Promise<Committed>;
  /** Submits transactions signed with consecutive nonces in one batch and waits for all of them. */
  commitMany(from: TestAccount, calls: readonly { type: string; payload: CborValue }[]): Promise<Committed[]>;
  query(name: string, parameters: Record<string, string | number>): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Sends cheap transactions until the chain has reached `height` (a solo chain makes blocks only for transactions). */
  advanceTo(height: number): Promise<void>;
  close(): Promise<void>;
}

export interface Committed {
  readonly hash: string;
  readonly height: number;
  readonly result: { status: "ok" | "failed"; code: string; message: string; events: { type: string; attributes: Record<string, unknown> }[] };
  readonly receipt: Record<string, unknown>;
  readonly tx: { payload: unknown; signerAddress: string };
}

function account(suite: CryptoSuite): TestAccount {
  const privateKey = suite.generatePrivateKey();
  const publicKey = suite.publicKeyOf(privateKey);
  return { privateKey, publicKey, address: addressOf(suite, publicKey) };
}

export async function startEvidenceChain(options: { suite?: "intl" | "gm" } = {}): Promise<EvidenceChain> {
  const suite = getSuite(options.suite ?? "intl");
  const validatorKey = suite.generatePrivateKey();
  const [policeAdmin, notaryAdmin, hospitalAdmin, officer, camera, notary, clerk] = Array.from({ length: 7 }, () => account(suite)) as [TestAccount, TestAccount, TestAccount, TestAccount, TestAccount, TestAccount, TestAccount];
  const genesis = parseGenesis({
    chainId: "kexin-evidence-test",
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "solo",
    validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
    organisations: [
      { id: "police", name: "Police", admins: [toHex(policeAdmin.publicKey)] },
      { id: "notary", name: "Notary office", admins: [toHex(notaryAdmin.publicKey)] },
      { id: "hospital", name: "Hospital", admins: [toHex(hospitalAdmin.publicKey)] },
    ],
    members: [
      { org: "police", address: officer.address, name: "officer", roles: ["officer"] },
      { org: "notary", address: notary.address, name: "notary", roles: ["notary"] },
      { org: "hospital", address: clerk.address, name: "clerk", roles: ["clerk"] },
    ],
  });
  const chain = await startTestChain({ suite: suite.id, genesis, validatorKey });
  const submitted = async (hash: string): Promise<Committed> => (await waitForCommitted(chain, hash, 60_000)) as unknown as Committed;
  const fixture: EvidenceChain = {
    chain,
    suite,
    policeAdmin,
    officer,
    camera,
    notary,
    clerk,
    async commit(from, type, payload) {
      const signed = await chain.sign(from, { module: "evidence", type, payload });
      const answer = await chain.post("/v1/txs", { tx: signed.hex });
      if (answer.status !== 202) throw new Error(`evidence.${type} refused: ${JSON.stringify(answer.body)}`);
      return submitted(signed.hash);
    },
    async commitMany(from, calls) {
      const nonce = (await chain.get(`/v1/accounts/${from.address}`)).body.nonce as number;
      const signed = await Promise.all(calls.map((call, offset) => chain.sign(from, { module: "evidence", ...call }, { nonce: nonce + offset })));
      const answer = await chain.post("/v1/txs/batch", { txs: signed.map((entry) => entry.hex) });
      if (answer.body.accepted !== calls.length) throw new Error(`batch partly refused: ${JSON.stringify(answer.body)}`);
      return Promise.all(signed.map((entry) => submitted(entry.hash)));
    },
    query: (name, parameters) => chain.get(`/v1/query/evidence/${name}?${new URLSearchParams(Object.entries(parameters).map(([key, value]) => [key, String(value)]))}`),
    async advanceTo(height) {
      while ((chain.node.store.head()?.height ?? 0) < height) {
        const signed = await chain.sign(clerk, { module: "evidence", type: "anchor", payload: { hash: toHex(suite.randomBytes(32)), size: 1, mediaType: "text/plain", title: "", caseNumber: "", tags: [] } });
        await chain.post("/v1/txs", { tx: signed.hex });
        await submitted(signed.hash);
      }
    },
    close: () => chain.close(),
  };
  const registered = await (async () => {
    const signed = await chain.sign(policeAdmin, { module: "identity", type: "register_device", payload: { org: "police", address: camera.address, name: "body camera 7", model: "BC-100" } });
    await chain.post("/v1/txs", { tx: signed.hex });
    return submitted(signed.hash);
  })();
  if (registered.result.status !== "ok") throw new Error(`camera not registered: ${registered.result.message}`);
  return fixture;
}

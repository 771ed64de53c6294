import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { type CryptoSuite, decodeCanonical, encodeCanonical, encryptionPublicKeyOf, generateEncryptionKeyPair, openSealedEnvelope, sealContent } from "@kexin/core";

/**
 * The data keys of the records this node's organisation published, kept by the node and never
 * put on chain. Each key is sealed at rest under the node's own storage key (the suite's AEAD), so
 * a copy of the folder without the node's key file gives nothing away. The node's encryption key
 * pair (X25519 or SM2) lets publishers hand it data keys wrapped, never in the clear.
 */
/** Data keys kept open in memory, least recently used first out: a release of a record read before opens no file. */
const openedKeysMax = 10_000;

type HeldKey = { readonly hash: string; readonly dataKey: Uint8Array };

export class DataKeyStore {
  private readonly opened = new Map<string, HeldKey>();
  /** Deposits so far: a read that a deposit overtook must not put its older key in memory. */
  private deposits = 0;

  private constructor(
    private readonly suite: CryptoSuite,
    private readonly directory: string,
    private readonly storageKey: Uint8Array,
    readonly encryptionPrivateKey: Uint8Array,
    readonly encryptionPublicKey: Uint8Array,
  ) {}

  /** Opens the store in `directory`, creating the node's keys (file `node-key`, readable by the node's user only) on first use. */
  static async open(suite: CryptoSuite, directory: string): Promise<DataKeyStore> {
    await mkdir(join(directory, "records"), { recursive: true, mode: 0o700 });
    const keyFile = join(directory, "node-key");
    let keys: { storageKey: Uint8Array; encryptionPrivateKey: Uint8Array };
    try {
      keys = decodeCanonical(await readFile(keyFile)) as unknown as typeof keys;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "ENOENT") throw error;
      keys = { storageKey: suite.randomBytes(suite.sealKeyBytes), encryptionPrivateKey: generateEncryptionKeyPair(suite).privateKey };
      await writeAtomically(join(directory, `node-key.${randomBytes(6).toString("hex")}.part`), keyFile, encodeCanonical(keys));
    }
    return new DataKeyStore(suite, directory, keys.storageKey, keys.encryptionPrivateKey, encryptionPublicKeyOf(suite, keys.encryptionPrivateKey));
  }

  private pathOf(record: string): string {
    // Record ids start with a letter or digit and hold no slash (recordIdSchema), so each names one file of the folder.
    return join(this.directory, "records", record);
  }

  /** Keeps the data key of `record`, whose ciphertext has hash `hash`; replaces an earlier deposit. */
  async put(record: string, hash: string, dataKey: Uint8Array): Promise<void> {
    const { envelope } = sealContent(this.suite, encodeCanonical({ hash, dataKey }), this.storageKey);
    this.deposits++;
    this.opened.delete(record);
    await writeAtomically(`${this.pathOf(record)}.${randomBytes(6).toString("hex")}.part`, this.pathOf(record), envelope);
    this.remember(record, { hash, dataKey });
  }

  /** The data key and ciphertext hash deposited for `record`, or undefined when this node holds none. */
  async get(record: string): Promise<HeldKey | undefined> {
    const held = this.opened.get(record);
    if (held !== undefined) {
      this.remember(record, held);
      return held;
    }
    const depositsBefore = this.deposits;
    let envelope: Uint8Array;
    try {
      envelope = await readFile(this.pathOf(record));
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return undefined;
      throw error;
    }
    const opened = decodeCanonical(openSealedEnvelope(envelope, this.storageKey)) as unknown as HeldKey;
    if (this.deposits === depositsBefore) this.remember(record, opened);
    return opened;
  }

  private remember(record: string, held: HeldKey): void {
    // A Map iterates in insertion order, so re-inserting moves the record to the most recently used end.
    this.opened.delete(record);
    this.opened.set(record, held);
    if (this.opened.size > openedKeysMax) this.opened.delete(this.opened.keys().next().value as string);
  }
}

/** Writes `bytes` to `path` through `temporary`, so a crash leaves the old file or the new one, never a part. */
export async function writeAtomically(temporary: string, path: string, bytes: Uint8Array): Promise<void> {
  try {
    const file = await open(temporary, "wx", 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

import { randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CryptoSuite } from "@kexin/core";
import { writeAtomically } from "./keyStore.ts";

/**
 * The signing keys with which this node posts compute results, one per organisation whose data it
 * holds. A key counts only once an admin of that organisation registers its public key as one of
 * the organisation's nodes (identity.register_node); the chain accepts a result from no other key.
 * Kept apart from the validator key, so a node that does not vote serves computes too.
 */
export class ComputeKeys {
  private readonly opened = new Map<string, Uint8Array>();
  /** Keys being made: two first requests for one organisation must not make two keys. */
  private readonly making = new Map<string, Promise<Uint8Array>>();

  private constructor(
    private readonly suite: CryptoSuite,
    private readonly directory: string,
  ) {}

  static async open(suite: CryptoSuite, directory: string): Promise<ComputeKeys> {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    return new ComputeKeys(suite, directory);
  }

  /** The organisation's signing key held by this node, or undefined when it holds none. */
  async get(organisation: string): Promise<Uint8Array | undefined> {
    const opened = this.opened.get(organisation);
    if (opened !== undefined) return opened;
    try {
      const privateKey = new Uint8Array(await readFile(this.pathOf(organisation)));
      this.opened.set(organisation, privateKey);
      return privateKey;
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** The organisation's public key, its key made on first use. */
  async publicKeyOf(organisation: string): Promise<Uint8Array> {
    let making = this.making.get(organisation);
    if (making === undefined) {
      making = this.make(organisation).finally(() => this.making.delete(organisation));
      this.making.set(organisation, making);
    }
    return this.suite.publicKeyOf(await making);
  }

  private async make(organisation: string): Promise<Uint8Array> {
    const held = await this.get(organisation);
    if (held !== undefined) return held;
    const privateKey = this.suite.generatePrivateKey();
    await writeAtomically(`${this.pathOf(organisation)}.${randomBytes(6).toString("hex")}.part`, this.pathOf(organisation), privateKey);
    this.opened.set(organisation, privateKey);
    return privateKey;
  }

  private pathOf(organisation: string): string {
    // Organisation ids match ^[a-z][a-z0-9_]{0,31}$, so each names one file of the folder.
    return join(this.directory, organisation);
  }
}

import { createHash } from "node:crypto";

/**
 * Deterministic random bytes: SHA-256 over (seed, label, counter). A seed reproduces a workload
 * exactly (same recipients, same keys), so two runs differ only in what they measure.
 */
export class SeededRandom {
  private counter = 0;

  constructor(
    private readonly seed: string,
    private readonly label: string,
  ) {}

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    let offset = 0;
    while (offset < length) {
      const block = createHash("sha256").update(`${this.seed}/${this.label}/${this.counter++}`).digest();
      const take = Math.min(block.length, length - offset);
      out.set(block.subarray(0, take), offset);
      offset += take;
    }
    return out;
  }

  hex(length: number): string {
    return Buffer.from(this.bytes(length)).toString("hex");
  }
}

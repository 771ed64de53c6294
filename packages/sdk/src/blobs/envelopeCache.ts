/** The default bound of an EnvelopeCache: enough for thousands of records of a few kilobytes. */
export const envelopeCacheBytesMaxDefault = 64 * 1024 * 1024;

/**
 * Sealed envelopes a client has downloaded and checked against their hash. A blob store is
 * content-addressed and an envelope never changes, so an entry cannot go stale: a record read
 * again (by another access, or by the next batch) costs no request. Bounded in bytes, least
 * recently used first out; a download in flight is shared by everyone asking for the same hash.
 */
export class EnvelopeCache {
  private readonly envelopes = new Map<string, Uint8Array>();
  private readonly inFlight = new Map<string, Promise<Uint8Array>>();
  private bytes = 0;

  constructor(readonly bytesMax: number = envelopeCacheBytesMaxDefault) {
    if (!Number.isSafeInteger(bytesMax) || bytesMax < 0) throw new RangeError("EnvelopeCache bytesMax must be a non-negative whole number");
  }

  get size(): number {
    return this.envelopes.size;
  }

  /** The envelope of `hash`, from memory when present, else from `download` (which must check the hash), kept for next time. */
  async get(hash: string, download: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const held = this.envelopes.get(hash);
    if (held !== undefined) {
      // A Map iterates in insertion order, so re-inserting moves the entry to the most recently used end.
      this.envelopes.delete(hash);
      this.envelopes.set(hash, held);
      return held;
    }
    const pending = this.inFlight.get(hash);
    if (pending !== undefined) return pending;
    const downloading = download().then(
      (envelope) => {
        this.inFlight.delete(hash);
        this.keep(hash, envelope);
        return envelope;
      },
      (error: unknown) => {
        this.inFlight.delete(hash);
        throw error;
      },
    );
    this.inFlight.set(hash, downloading);
    return downloading;
  }

  private keep(hash: string, envelope: Uint8Array): void {
    if (envelope.length > this.bytesMax || this.envelopes.has(hash)) return;
    this.envelopes.set(hash, envelope);
    this.bytes += envelope.length;
    for (const [oldest, bytes] of this.envelopes) {
      if (this.bytes <= this.bytesMax) break;
      this.envelopes.delete(oldest);
      this.bytes -= bytes.length;
    }
  }
}

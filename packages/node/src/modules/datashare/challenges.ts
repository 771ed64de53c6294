import { type CryptoSuite, type DatashareError, datashareError, keyReleaseChallengeBytes, toHex } from "@kexin/core";
import { challengeLifetimeMs, challengesOutstandingMax } from "./limits.ts";

/** The refusal of a request whose challenge ReleaseChallenges.consume did not accept. */
export function challengeUnknown(): DatashareError {
  return datashareError("DATASHARE_CHALLENGE_UNKNOWN", "the challenge was not issued by this node, was used already or has expired; ask for a new one");
}

/**
 * The challenges this node handed out for key-release requests. Each is accepted once and only
 * within its lifetime, so a captured signed request cannot be sent again. Node-local and off
 * chain: it reads the wall clock, which nothing consensus-critical does.
 */
export class ReleaseChallenges {
  private readonly expiresAtMs = new Map<string, number>();

  constructor(
    private readonly suite: CryptoSuite,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): { readonly challenge: string; readonly expiresInMs: number } {
    this.dropExpired();
    // When full the oldest waiting challenge gives way (Map keeps insertion order), so issuing never fails.
    if (this.expiresAtMs.size >= challengesOutstandingMax) this.expiresAtMs.delete(this.expiresAtMs.keys().next().value as string);
    const challenge = toHex(this.suite.randomBytes(keyReleaseChallengeBytes));
    this.expiresAtMs.set(challenge, this.now() + challengeLifetimeMs);
    return { challenge, expiresInMs: challengeLifetimeMs };
  }

  /** True when the challenge was issued here, is still alive and was not used; it is used from now on. */
  consume(challenge: string): boolean {
    const expiresAt = this.expiresAtMs.get(challenge);
    this.expiresAtMs.delete(challenge);
    return expiresAt !== undefined && expiresAt >= this.now();
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [challenge, expiresAt] of this.expiresAtMs) {
      if (expiresAt >= now) break;
      this.expiresAtMs.delete(challenge);
    }
  }
}

/** Bounds of the certificate renderer. */
export const certificateLimits = {
  /** Characters of the base URL of the verify link. */
  baseUrlLengthMax: 512,
  /** Certificates queued or being drawn at once by the node's worker; more are refused with CERTIFICATE_BUSY. */
  pendingMax: 8,
  /** Certificates kept ready: the same proof and link always give the same bytes. */
  cachedMax: 32,
  /** The worker (and the 17 MB of fonts it holds) is stopped after this long without a request. */
  workerIdleMs: 60_000,
} as const;

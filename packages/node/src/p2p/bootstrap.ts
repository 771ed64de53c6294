import type { Libp2p } from "@libp2p/interface";
import { type Multiaddr, multiaddr } from "@multiformats/multiaddr";
import { P2pError } from "./errors.ts";
import type { P2pLogger } from "./interface.ts";
import type { P2pOptions } from "./options.ts";
import { operationSignal } from "./signals.ts";

export interface BootstrapTarget {
  readonly address: Multiaddr;
  readonly peerId: string;
}

/** Parses a bootstrap multiaddr; it must name the peer with a trailing /p2p/<peerId>. */
export function parseBootstrapAddress(address: string): BootstrapTarget {
  let parsed: Multiaddr;
  try {
    parsed = multiaddr(address);
  } catch (error) {
    throw new P2pError({ code: "P2P_INVALID_ARGUMENT", argument: "bootstrap", reason: String(error) }, `invalid bootstrap multiaddr: ${address}`);
  }
  const peerId = parsed.getComponents().findLast((component) => component.name === "p2p")?.value;
  if (peerId === undefined) {
    throw new P2pError({ code: "P2P_INVALID_ARGUMENT", argument: "bootstrap", reason: "missing /p2p/<peerId>" }, `bootstrap multiaddr must end in /p2p/<peerId>: ${address}`);
  }
  return { address: parsed, peerId };
}

export interface BootstrapContext {
  readonly libp2p: Libp2p;
  readonly options: P2pOptions;
  readonly logger: P2pLogger;
  /** Aborted when the network stops. */
  readonly signal: AbortSignal;
  isConnected(peerId: string): boolean;
}

/**
 * Keeps one bootstrap peer connected. At most one dial or one timer is pending at any time, and the
 * delay between attempts doubles from redialDelayMsMin to redialDelayMsMax, so an unreachable peer
 * costs a dial every few seconds at most. The delay only resets once a connection has lasted
 * redialDelayMsMax, so a peer that accepts and then drops us cannot make us redial in a tight loop.
 */
export class BootstrapDialer {
  #delayMs: number;
  #timer: NodeJS.Timeout | undefined;
  #dialing = false;
  #connectedAtMs: number | undefined;

  constructor(
    private readonly context: BootstrapContext,
    readonly target: BootstrapTarget,
  ) {
    this.#delayMs = context.options.redialDelayMsMin;
  }

  start(): void {
    this.#schedule(0);
  }

  onConnected(): void {
    this.#connectedAtMs = Date.now();
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  onDisconnected(): void {
    const { redialDelayMsMin, redialDelayMsMax } = this.context.options;
    const connectedForMs = this.#connectedAtMs === undefined ? 0 : Date.now() - this.#connectedAtMs;
    this.#connectedAtMs = undefined;
    if (connectedForMs >= redialDelayMsMax) this.#delayMs = redialDelayMsMin;
    const delayMs = this.#delayMs;
    this.#delayMs = Math.min(this.#delayMs * 2, redialDelayMsMax);
    this.#schedule(delayMs);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(delayMs: number): void {
    if (this.context.signal.aborted || this.#timer !== undefined || this.#dialing) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#dial();
    }, delayMs);
  }

  async #dial(): Promise<void> {
    const { libp2p, options, logger, signal } = this.context;
    if (signal.aborted || this.context.isConnected(this.target.peerId)) return;
    this.#dialing = true;
    const dialSignal = operationSignal(signal, options.dialTimeoutMs);
    try {
      await libp2p.dial(this.target.address, { signal: dialSignal.signal });
    } catch (error) {
      logger.debug({ peerId: this.target.peerId, address: this.target.address.toString(), retryInMs: this.#delayMs, error: String(error) }, "bootstrap dial failed");
    } finally {
      dialSignal.release();
      this.#dialing = false;
    }
    // Also covers a connection that closed again before the dial returned.
    if (!this.context.isConnected(this.target.peerId)) {
      const delayMs = this.#delayMs;
      this.#delayMs = Math.min(this.#delayMs * 2, options.redialDelayMsMax);
      this.#schedule(delayMs);
    }
  }
}

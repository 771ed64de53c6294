import type { ConnectionGater, PeerId } from "@libp2p/interface";
import type { P2pLogger } from "./interface.ts";
import { publicKeyHexOfPeer } from "./keys.ts";

/** Asks isAllowed; a throw counts as a denial. */
export function isKeyAllowed(isAllowed: (publicKeyHex: string) => boolean, publicKeyHex: string, logger: P2pLogger): boolean {
  try {
    return isAllowed(publicKeyHex);
  } catch (error) {
    logger.error({ peer: publicKeyHex, error: String(error) }, "isAllowed threw; denying the peer");
    return false;
  }
}

/**
 * Admits a connection only when the remote proved an Ed25519 key that isAllowed accepts. Inbound, the
 * check can only run once the handshake proved the key; the dialer has finished its side of the
 * handshake by then, so a denied dialer sees a connection that closes at once, on which nothing it
 * sends is ever read.
 */
export function createConnectionGater(isAllowed: (publicKeyHex: string) => boolean, logger: P2pLogger): ConnectionGater {
  const deny = (peerId: PeerId, direction: "inbound" | "outbound"): boolean => {
    const publicKeyHex = publicKeyHexOfPeer(peerId);
    if (publicKeyHex === undefined) return true;
    const allowed = isKeyAllowed(isAllowed, publicKeyHex, logger);
    if (!allowed) logger.debug({ peer: publicKeyHex, direction }, "connection denied by isAllowed");
    return !allowed;
  };
  return {
    // Refusing before the dial means a denied node never even sees a connection attempt from us.
    denyDialPeer: (peerId) => deny(peerId, "outbound"),
    denyInboundEncryptedConnection: (peerId) => deny(peerId, "inbound"),
    denyOutboundEncryptedConnection: (peerId) => deny(peerId, "outbound"),
  };
}

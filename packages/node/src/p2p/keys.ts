import { intlSuite, toHex } from "@kexin/core";
import type { Ed25519PrivateKey, PeerId } from "@libp2p/interface";
import { P2pError } from "./errors.ts";

const seedBytes = 32;

function requireSeed(seed: Uint8Array): void {
  if (seed.length !== seedBytes) {
    throw new P2pError({ code: "P2P_INVALID_ARGUMENT", argument: "privateKeySeed", reason: `must be ${seedBytes} bytes, got ${seed.length}` }, "the node key seed must be a 32-byte Ed25519 seed");
  }
}

// libp2p's key and peer-id modules load on first use, like libp2p itself (see createNetwork.ts).
export async function privateKeyFromSeed(seed: Uint8Array): Promise<Ed25519PrivateKey> {
  requireSeed(seed);
  const { generateKeyPairFromSeed } = await import("@libp2p/crypto/keys");
  return generateKeyPairFromSeed("Ed25519", seed);
}

/** The libp2p peer id (base58) a node with this seed has; bootstrap multiaddrs end in /p2p/<it>. */
export async function peerIdFromSeed(seed: Uint8Array): Promise<string> {
  const privateKey = await privateKeyFromSeed(seed);
  const { peerIdFromPrivateKey } = await import("@libp2p/peer-id");
  return peerIdFromPrivateKey(privateKey).toString();
}

/** Raw Ed25519 public key of the seed, lowercase hex: what isAllowed receives for that node. */
export function publicKeyHexFromSeed(seed: Uint8Array): string {
  requireSeed(seed);
  return toHex(intlSuite.publicKeyOf(seed));
}

/** Raw Ed25519 public key hex of a peer, or undefined when the peer uses another key type. */
export function publicKeyHexOfPeer(peerId: PeerId): string | undefined {
  if (peerId.type !== "Ed25519") return undefined;
  return toHex(peerId.publicKey.raw);
}

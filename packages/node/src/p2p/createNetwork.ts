import type { P2pNetwork, P2pNetworkParameters } from "./interface.ts";

/**
 * Starts this node's libp2p host. libp2p and its transports are loaded here, on first use, and
 * not when the node package is imported: they hold tens of megabytes that a solo node never uses.
 */
export async function createP2pNetwork(parameters: P2pNetworkParameters): Promise<P2pNetwork> {
  const network = await import("./network.ts");
  return network.createP2pNetwork(parameters);
}

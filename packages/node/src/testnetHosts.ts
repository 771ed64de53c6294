import { isIP } from "node:net";
import { HomeError } from "./home.ts";

/** Where one validator of a testnet runs, as its config and the others' bootstrap lists need it. */
export interface TestnetHost {
  /** As given: a hostname or an IP address. */
  readonly host: string;
  /** What the node binds: the address itself, or every interface for a hostname (a name cannot be bound). */
  readonly listenHost: string;
  /** The multiaddr prefix others dial, without /tcp/<port>. */
  readonly dialPrefix: string;
  /** The host as it goes in a URL (IPv6 in brackets). */
  readonly urlHost: string;
}

/** RFC 1123 hostnames: dot-separated labels of letters, digits and inner hyphens, 63 characters each, 253 in all. */
const hostnamePattern = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

export function testnetHost(host: string): TestnetHost {
  const family = isIP(host);
  if (family !== 0) return { host, listenHost: host, dialPrefix: `/ip${family}/${host}`, urlHost: family === 6 ? `[${host}]` : host };
  return { host, listenHost: "0.0.0.0", dialPrefix: `/dns/${host}`, urlHost: host };
}

/** Checks one host per validator, each a hostname or an IP address, with an error that says which is wrong. */
export function parseTestnetHosts(hosts: readonly string[], validators: number): TestnetHost[] {
  if (hosts.length !== validators) {
    throw new HomeError({ code: "HOME_INVALID" }, `--hosts lists ${hosts.length} host${hosts.length === 1 ? "" : "s"} for ${validators} validator${validators === 1 ? "" : "s"}; give one per validator, node1's first, separated by commas`);
  }
  return hosts.map((host, index) => {
    if (isIP(host) === 0 && !hostnamePattern.test(host)) {
      throw new HomeError({ code: "HOME_INVALID" }, `--hosts entry ${index + 1} (${JSON.stringify(host)}) is neither a hostname nor an IP address`);
    }
    return testnetHost(host);
  });
}

import { execFileSync } from "node:child_process";

/**
 * A private L2 network of network namespaces on this machine: a bridge in the root namespace
 * (which the test process uses to reach every node's API) and one namespace per node, joined to
 * the bridge by a veth pair. Partitions are made with blackhole routes inside the namespaces,
 * which need no kernel module beyond what namespaces already use.
 */
export interface NamespaceNetwork {
  readonly namespaces: readonly string[];
  readonly addresses: readonly string[];
  /** Drops all traffic between the two groups (by node index), both ways. */
  partition(groups: readonly (readonly number[])[]): void;
  heal(): void;
  destroy(): void;
}

function ip(...args: string[]): void {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** Why namespaces cannot be used here, or undefined when they can. */
export function namespaceSupportProblem(): string | undefined {
  if (process.getuid?.() !== 0) return "network namespaces need root";
  const probe = `kxprobe${process.pid % 100_000}`;
  try {
    ip("netns", "add", probe);
    ip("netns", "del", probe);
    ip("link", "add", `${probe}b`, "type", "bridge");
    ip("link", "del", `${probe}b`);
    return undefined;
  } catch (error) {
    return `ip netns / bridge unavailable: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
}

export function createNamespaceNetwork(count: number, subnet: number): NamespaceNetwork {
  const tag = `kx${process.pid % 10_000}`;
  const bridge = `${tag}br`;
  const namespaces = Array.from({ length: count }, (_, index) => `${tag}n${index + 1}`);
  const addresses = namespaces.map((_, index) => `10.${subnet}.0.${index + 1}`);
  const routes: { namespace: string; address: string }[] = [];
  const destroy = (): void => {
    for (const namespace of namespaces) {
      try {
        ip("netns", "del", namespace);
      } catch {
        // Already gone.
      }
    }
    try {
      ip("link", "del", bridge);
    } catch {
      // Already gone.
    }
  };
  try {
    ip("link", "add", bridge, "type", "bridge");
    ip("addr", "add", `10.${subnet}.0.254/24`, "dev", bridge);
    ip("link", "set", bridge, "up");
    namespaces.forEach((namespace, index) => {
      const outside = `${tag}v${index + 1}`;
      const inside = `${tag}p${index + 1}`;
      ip("netns", "add", namespace);
      ip("link", "add", outside, "type", "veth", "peer", "name", inside);
      ip("link", "set", inside, "netns", namespace);
      ip("link", "set", outside, "master", bridge);
      ip("link", "set", outside, "up");
      ip("-n", namespace, "addr", "add", `${addresses[index]}/24`, "dev", inside);
      ip("-n", namespace, "link", "set", inside, "up");
      ip("-n", namespace, "link", "set", "lo", "up");
    });
  } catch (error) {
    destroy();
    throw error;
  }
  const heal = (): void => {
    for (const route of routes.splice(0)) ip("-n", route.namespace, "route", "del", "blackhole", `${route.address}/32`);
  };
  return {
    namespaces,
    addresses,
    partition: (groups) => {
      heal();
      groups.forEach((group, groupIndex) => {
        for (const member of group) {
          for (const [otherIndex, other] of groups.entries()) {
            if (otherIndex === groupIndex) continue;
            for (const target of other) {
              const route = { namespace: namespaces[member] as string, address: addresses[target] as string };
              ip("-n", route.namespace, "route", "add", "blackhole", `${route.address}/32`);
              routes.push(route);
            }
          }
        }
      });
    },
    heal,
    destroy: () => {
      heal();
      destroy();
    },
  };
}

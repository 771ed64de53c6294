import type { CborValue } from "@kexin/core";
import type { StateRead } from "../execution/index.ts";

/**
 * Records what a query reads, so that the answer can carry a proof of it: the full state key of
 * every `get`, in first-read order, and whether it read anything a proof cannot cover (a `list`,
 * whose completeness the state tree does not show, or the derived index, which it leaves out).
 */
export class StateReadRecorder {
  private readonly keys = new Set<string>();
  private unprovable = false;

  /** A module's committed state, reads recorded under `namespace/`. */
  state(inner: StateRead, namespace: string): StateRead {
    return {
      get: (key) => {
        this.keys.add(`${namespace}/${key}`);
        return inner.get(key);
      },
      list: (prefix, limit) => {
        this.unprovable = true;
        return inner.list(prefix, limit);
      },
    };
  }

  /** State no proof covers: any read of it makes the answer unprovable. */
  unproven(inner: StateRead): StateRead {
    return {
      get: (key): CborValue | undefined => {
        this.unprovable = true;
        return inner.get(key);
      },
      list: (prefix, limit) => {
        this.unprovable = true;
        return inner.list(prefix, limit);
      },
    };
  }

  /** The keys read, or undefined when the reads cannot all be proven. */
  provableKeys(): readonly string[] | undefined {
    return this.unprovable ? undefined : [...this.keys];
  }
}

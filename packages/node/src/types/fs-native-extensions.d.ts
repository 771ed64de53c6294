// The part of fs-native-extensions (open file description locks on Linux, flock on macOS) the node uses; the package ships no types.
declare module "fs-native-extensions" {
  /** An exclusive lock (the default) needs a descriptor opened for writing; false when another open file description holds a lock. */
  export function tryLock(fd: number, options?: { readonly shared?: boolean }): boolean;
  export function unlock(fd: number): void;
}

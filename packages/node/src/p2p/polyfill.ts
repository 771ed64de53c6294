/**
 * libp2p 3 calls Promise.withResolvers (ES2024), which Node 20 lacks: without it an inbound
 * connection fails its upgrade and the dialer only sees ECONNRESET. Importing this module installs
 * a spec-shaped fallback; it must be evaluated before any libp2p module.
 */
interface PromiseResolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

type PromiseConstructorWithResolvers = PromiseConstructor & {
  withResolvers?: <T>() => PromiseResolvers<T>;
};

function withResolvers<T>(this: PromiseConstructor): PromiseResolvers<T> {
  let resolve!: PromiseResolvers<T>["resolve"];
  let reject!: PromiseResolvers<T>["reject"];
  const promise = new this<T>((resolveWith, rejectWith) => {
    resolve = resolveWith;
    reject = rejectWith;
  });
  return { promise, resolve, reject };
}

/** Installs the fallback when the runtime has no Promise.withResolvers; returns whether it did. */
export function installPromiseWithResolvers(): boolean {
  const promiseConstructor = Promise as PromiseConstructorWithResolvers;
  if (typeof promiseConstructor.withResolvers === "function") return false;
  Object.defineProperty(Promise, "withResolvers", { value: withResolvers, writable: true, configurable: true, enumerable: false });
  return true;
}

installPromiseWithResolvers();

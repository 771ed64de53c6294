import { setMaxListeners } from "node:events";

export interface OperationSignal {
  readonly signal: AbortSignal;
  /** True when the signal fired because the time ran out rather than because the parent aborted. */
  timedOut(): boolean;
  /** Clears the timer and detaches from the parent; call it once the operation is over. */
  release(): void;
}

/**
 * A signal for one operation that fires after timeoutMs or when the parent aborts. Node 20's
 * AbortSignal.any leaks about 50 bytes on the parent per call, forever, which a long-lived network
 * that makes a signal per request cannot afford; a listener removed on release() leaves nothing behind.
 */
export function operationSignal(parent: AbortSignal, timeoutMs: number): OperationSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onParentAbort = (): void => controller.abort(parent.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  timer.unref();
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener("abort", onParentAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release: () => {
      clearTimeout(timer);
      parent.removeEventListener("abort", onParentAbort);
    },
  };
}

/** The network-wide stop signal has one listener per operation in flight, so Node's leak warning at 10 does not apply. */
export function createStopController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(Infinity, controller.signal);
  return controller;
}

import { type KexinClient, KexinError, type StatusView, createKexinClient } from "@kexin/sdk";
import { useEffect, useRef, useState } from "react";

/** The console is served by the node it shows, so the API is on the same origin. */
export const client: KexinClient = createKexinClient({ url: window.location.origin, requestTimeoutMs: 10_000 });

export interface StatusState {
  /** GET /v1/status; its `modules` decide the pages the console offers. */
  readonly status: StatusView | undefined;
  /** The last poll failed: the node is down or the network is gone. */
  readonly unreachable: boolean;
  refresh(): void;
}

const statusPollMs = 3_000;

/** Polls GET /v1/status; keeps the last good answer through failures so pages do not blank out. */
export function useStatusPoll(): StatusState {
  const [status, setStatus] = useState<StatusView | undefined>(undefined);
  const [unreachable, setUnreachable] = useState(false);
  const [tick, setTick] = useState(0);
  const inFlight = useRef(false);
  useEffect(() => {
    let cancelled = false;
    const poll = async () => {
      if (inFlight.current) return;
      inFlight.current = true;
      try {
        const answer = await client.getStatus();
        if (!cancelled) {
          setStatus(answer);
          setUnreachable(false);
        }
      } catch {
        if (!cancelled) setUnreachable(true);
      } finally {
        inFlight.current = false;
      }
    };
    void poll();
    const timer = window.setInterval(() => void poll(), statusPollMs);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [tick]);
  return { status, unreachable, refresh: () => setTick((value) => value + 1) };
}

/** The loading, failed or loaded state of one request, re-run when `key` changes. */
export type Loadable<T> = { readonly state: "loading" } | { readonly state: "failed"; readonly error: unknown } | { readonly state: "loaded"; readonly value: T };

export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loadable<T> {
  const [result, setResult] = useState<{ key: string; loadable: Loadable<T> }>({ key, loadable: { state: "loading" } });
  useEffect(() => {
    const controller = new AbortController();
    setResult({ key, loadable: { state: "loading" } });
    load(controller.signal).then(
      (value) => !controller.signal.aborted && setResult({ key, loadable: { state: "loaded", value } }),
      (error: unknown) => !controller.signal.aborted && setResult({ key, loadable: { state: "failed", error } }),
    );
    return () => controller.abort();
    // `load` is a new closure every render; `key` names what it loads.
  }, [key]);
  return result.key === key ? result.loadable : { state: "loading" };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The API's or the SDK's error code (TX_NOT_FOUND, SDK_NETWORK_ERROR, …), when the error has one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof KexinError ? error.code : undefined;
}

import WebSocket from "ws";
import type { Cleanup } from "./cleanup.ts";
import { withTimeout } from "./wait.ts";

export interface JsonSocket {
  send(message: unknown): void;
  /** Rejects once the socket closes or fails; lets waits notice a dropped subscription. */
  readonly closed: Promise<never>;
  isOpen(): boolean;
  close(): Promise<void>;
}

/**
 * Opens a WebSocket that hands every message, parsed as JSON, to `onMessage` together with the
 * moment it arrived (performance.now()), taken before parsing so large messages do not skew it.
 */
export async function openJsonSocket(
  cleanup: Cleanup,
  url: string,
  timeoutMs: number,
  onMessage: (message: unknown, receivedAtMs: number) => void,
): Promise<JsonSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
  const closed = new Promise<never>((_resolve, reject) => {
    socket.once("close", (code, reason) => reject(new Error(`WebSocket ${url} closed (code ${code}${reason.length > 0 ? `, ${reason.toString()}` : ""})`)));
  });
  closed.catch(() => undefined);
  socket.on("message", (data, isBinary) => {
    const receivedAtMs = performance.now();
    if (isBinary) return;
    const text = Array.isArray(data) ? Buffer.concat(data).toString("utf8") : data instanceof ArrayBuffer ? Buffer.from(data).toString("utf8") : data.toString("utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    onMessage(parsed, receivedAtMs);
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const close = async (): Promise<void> => {
    if (socket.readyState === WebSocket.CLOSED) return;
    socket.close();
    await withTimeout(closed.catch(() => undefined), 2_000, `WebSocket ${url} to close`).catch(() => socket.terminate());
  };
  cleanup.add(`close WebSocket ${url}`, close, () => socket.terminate());
  try {
    await withTimeout(opened, timeoutMs, `WebSocket ${url} to open`);
  } catch (error) {
    socket.terminate();
    throw error;
  }
  socket.on("error", () => undefined);
  return {
    send: (message) => socket.send(JSON.stringify(message)),
    closed,
    isOpen: () => socket.readyState === WebSocket.OPEN,
    close,
  };
}

import type { Client } from "../clients/createClient.ts";
import type { SdkError } from "../errors.ts";
import { subscribe } from "../transport/webSocket.ts";
import type { EventNotification, EventView } from "../types.ts";
import { requireName, requireText } from "../validation.ts";

export type WatchEventsParameters = {
  /** Only events of this module, e.g. "points". */
  readonly module?: string;
  /** Only events of this type, e.g. "transferred". */
  readonly type?: string;
  readonly onEvent: (notification: EventNotification) => void;
  /** Connection failures and error messages; the subscription does not reconnect by itself. */
  readonly onError?: (error: SdkError) => void;
};
export type WatchEventsReturnType = () => void;

/** Calls onEvent for every matching event of every transaction committed from now on, over /v1/ws. */
export function watchEvents(client: Client, parameters: WatchEventsParameters): WatchEventsReturnType {
  const message: Record<string, string> = { subscribe: "events" };
  if (parameters.module !== undefined) message.module = requireName("watchEvents", "module", parameters.module);
  if (parameters.type !== undefined) message.type = requireText("watchEvents", "type", parameters.type, 64);
  return subscribe(client, {
    message,
    onMessage: (received) => {
      if (received.type !== "event" || typeof received.event !== "object" || received.event === null) return;
      parameters.onEvent({ height: received.height as number, txHash: received.txHash as string, event: received.event as EventView });
    },
    onError: parameters.onError ?? ((error) => console.error(error)),
  });
}

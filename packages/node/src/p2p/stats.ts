import type { P2pStats, TopicStats } from "./interface.ts";

const otherTopic = "(other)";

function emptyTopicStats(): TopicStats {
  return {
    messagesSent: 0,
    bytesSent: 0,
    messagesReceived: 0,
    bytesReceived: 0,
    messagesDropped: 0,
    bytesDropped: 0,
    messagesForwarded: 0,
    duplicatesIgnored: 0,
  };
}

/** Plain counters behind stats(); the topic table is bounded so remote peers cannot grow it. */
export class P2pCounters {
  readonly #topics = new Map<string, TopicStats>();
  framesMalformed = 0;
  gossipHandlerErrors = 0;
  requestsSent = 0;
  requestsFailed = 0;
  requestsReceived = 0;
  requestHandlerErrors = 0;

  constructor(private readonly topicsMax: number) {}

  topic(topic: string): TopicStats {
    const existing = this.#topics.get(topic);
    if (existing !== undefined) return existing;
    const key = this.#topics.size < this.topicsMax ? topic : otherTopic;
    const created = this.#topics.get(key) ?? emptyTopicStats();
    this.#topics.set(key, created);
    return created;
  }

  snapshot(peersConnected: number): P2pStats {
    const topics: Record<string, TopicStats> = {};
    for (const [topic, counters] of this.#topics) topics[topic] = { ...counters };
    return {
      peersConnected,
      topics,
      framesMalformed: this.framesMalformed,
      gossipHandlerErrors: this.gossipHandlerErrors,
      requestsSent: this.requestsSent,
      requestsFailed: this.requestsFailed,
      requestsReceived: this.requestsReceived,
      requestHandlerErrors: this.requestHandlerErrors,
    };
  }
}
